import type { ModelCandidate, ModelRegistry, RustyClawConfig } from '@rusty-claw/core';
import type { Logger } from '@rusty-claw/plugin-sdk';
import { ErrorCodes } from '@rusty-claw/protocol';
import { ProtocolError } from '@rusty-claw/plugin-sdk';

type AgentModelConfig = string | { primary?: string | undefined; fallbacks?: string[] | undefined } | undefined;

function splitModel(model: AgentModelConfig): { primary: string | undefined; fallbacks: string[] } {
  if (typeof model === 'string') return { primary: model.trim() || undefined, fallbacks: [] };
  return { primary: model?.primary?.trim() || undefined, fallbacks: model?.fallbacks ?? [] };
}

/**
 * The configured model of an agent (OpenClaw's keys): its `agents.list[].model`, else `agents.defaults.model`,
 * each as `primary` + `fallbacks` (a fallback list of the agent entry replaces the defaults').
 */
export function configuredAgentModel(config: RustyClawConfig, agentId: string): { primary: string | undefined; fallbacks: string[] } {
  const defaults = splitModel(config.agents?.defaults?.model);
  const entry = config.agents?.list?.find((agent) => agent.id.trim().toLowerCase() === agentId);
  if (entry?.model === undefined) return defaults;
  const own = splitModel(entry.model);
  return { primary: own.primary ?? defaults.primary, fallbacks: typeof entry.model === 'string' ? defaults.fallbacks : own.fallbacks };
}

/** The session's model override (`sessions.patch {model}` stores OpenClaw's `providerOverride` + `modelOverride`). */
export function sessionModelOverride(meta: Record<string, unknown> | undefined): string | undefined {
  const provider = meta?.['providerOverride'];
  const model = meta?.['modelOverride'];
  if (typeof model !== 'string' || model === '') return undefined;
  return typeof provider === 'string' && provider !== '' ? `${provider}/${model}` : model;
}

/**
 * The failover order of one run: the request's override (admin `agent {provider, model}`), else the session's
 * override, else the agent's primary; then the configured fallbacks. Duplicates are dropped. A ref the registry
 * cannot build (unknown provider, no package for its api) is skipped with a warning when other candidates remain,
 * and refused with UNAVAILABLE (naming what to fix) when none does.
 */
export function resolveRunModels(params: {
  registry: ModelRegistry;
  config: RustyClawConfig;
  agentId: string;
  sessionMeta?: Record<string, unknown> | undefined;
  override?: string | undefined;
  logger: Logger;
}): ModelCandidate[] {
  const configured = configuredAgentModel(params.config, params.agentId);
  const first = params.override ?? sessionModelOverride(params.sessionMeta) ?? configured.primary;
  if (first === undefined) {
    throw new ProtocolError(
      ErrorCodes.UNAVAILABLE,
      'no model is configured: set agents.defaults.model.primary (e.g. "anthropic/claude-sonnet-4-6") and models.providers.<id> in the config',
    );
  }
  const refs = [...new Set([first, ...(first === configured.primary ? [] : configured.primary ? [configured.primary] : []), ...configured.fallbacks])];
  const candidates: ModelCandidate[] = [];
  const problems: string[] = [];
  for (const ref of refs) {
    try {
      const resolved = params.registry.resolve(ref);
      if (candidates.some((candidate) => candidate.ref === resolved.ref)) continue;
      candidates.push({
        ref: resolved.ref,
        model: resolved.model,
        api: resolved.api,
        contextWindow: resolved.contextWindow,
        ...(resolved.maxOutputTokens === undefined ? {} : { maxOutputTokens: resolved.maxOutputTokens }),
        input: resolved.input,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(`${ref}: ${message}`);
      params.logger.warn({ ref, error: message }, 'model candidate skipped');
    }
  }
  if (candidates.length === 0) throw new ProtocolError(ErrorCodes.UNAVAILABLE, `no configured model can be used: ${problems.join('; ')}`);
  return candidates;
}
