import type { ThinkingLevel } from '@rusty-claw/plugin-sdk';
import type { RustyClawConfig } from '../config-schema.js';
import { parseModelRef, formatModelRef } from '../models/model-ref.js';
import { normalizeAgentId } from '../session/session-key.js';

type AgentsConfig = Pick<RustyClawConfig, 'agents'>;
type AgentModelSetting = string | { primary?: string | undefined; fallbacks?: string[] | undefined } | undefined;

function split(model: AgentModelSetting): { primary?: string; fallbacks?: string[] } {
  if (typeof model === 'string') return { primary: model };
  return { ...(model?.primary ? { primary: model.primary } : {}), ...(model?.fallbacks ? { fallbacks: model.fallbacks } : {}) };
}

/**
 * The agent's model refs in failover order (OpenClaw's keys): `override` (a session or request override) first,
 * then the agent's `model` (a string sets the primary; an object may also set `fallbacks`), else
 * `agents.defaults.model.primary` and its `fallbacks`. Duplicates are dropped; refs are normalized.
 */
export function resolveAgentModelRefs(config: AgentsConfig, agentId: string, override?: string): string[] {
  const id = normalizeAgentId(agentId);
  const agent = split(config.agents?.list?.find((entry) => normalizeAgentId(entry.id) === id)?.model);
  const defaults = split(config.agents?.defaults?.model);
  const refs = [override, agent.primary ?? defaults.primary, ...(agent.fallbacks ?? defaults.fallbacks ?? [])];
  const seen = new Set<string>();
  for (const ref of refs) {
    if (!ref || ref.trim() === '') continue;
    seen.add(formatModelRef(parseModelRef(ref)));
  }
  return [...seen];
}

/** A session's model override from its index entry (OpenClaw's `providerOverride` + `modelOverride`). */
export function sessionModelOverride(meta: Record<string, unknown>): string | undefined {
  const model = meta['modelOverride'];
  if (typeof model !== 'string' || model.trim() === '') return undefined;
  const provider = meta['providerOverride'];
  return typeof provider === 'string' && provider.trim() !== '' ? `${provider.trim()}/${model.trim()}` : model.trim();
}

/** The session meta patch that sets (or, with undefined, clears) a model override — what `sessions.patch {model}` writes. */
export function modelOverridePatch(ref: string | undefined): Record<string, unknown> {
  if (ref === undefined || ref.trim() === '') return { providerOverride: undefined, modelOverride: undefined };
  const parsed = parseModelRef(ref);
  return { providerOverride: parsed.provider, modelOverride: parsed.model };
}

const LEVELS: ReadonlySet<string> = new Set(['off', 'minimal', 'low', 'medium', 'high', 'xhigh']);

/**
 * A thinking level as the contract knows it. OpenClaw also has `adaptive` (the provider decides: medium here),
 * `max` (→ `xhigh`) and `on` (→ `medium`); anything else is ignored.
 */
export function normalizeThinkingLevel(value: unknown): ThinkingLevel | undefined {
  if (typeof value !== 'string') return undefined;
  const level = value.trim().toLowerCase();
  if (LEVELS.has(level)) return level as ThinkingLevel;
  if (level === 'max') return 'xhigh';
  if (level === 'adaptive' || level === 'on') return 'medium';
  return undefined;
}
