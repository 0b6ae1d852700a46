import type { RustyClawConfig } from '@rusty-claw/core';
import type { Core } from './core-module.js';

/** An agent's configured models in failover order, as `{primary, fallbacks}` (core resolves OpenClaw's keys). */
export function agentModels(core: Core, config: RustyClawConfig, agentId: string): { primary: string | undefined; fallbacks: string[] } {
  let refs: string[];
  try {
    refs = core.resolveAgentModelRefs(config, agentId);
  } catch {
    refs = [];
  }
  return { primary: refs[0], fallbacks: refs.slice(1) };
}
