import type { RustyClawConfig } from '@rusty-claw/core';

export interface AgentRef {
  id: string;
  name?: string;
}

/** Agent ids are lowercase on the wire (OpenClaw's `normalizeAgentId`). */
function normalizeAgentId(id: string): string {
  return id.trim().toLowerCase();
}

/**
 * The agents `health` and `status` report, in config order, and the default one: the entry marked
 * `default: true`, else the first listed, else `main` (OpenClaw's `resolveDefaultAgentId`). The default
 * agent is always present, even with an empty `agents.list`.
 */
export function resolveAgentOrder(config: RustyClawConfig): { defaultAgentId: string; ordered: AgentRef[] } {
  const list = config.agents?.list ?? [];
  const marked = list.find((entry) => entry.default === true) ?? list[0];
  const defaultAgentId = marked ? normalizeAgentId(marked.id) || 'main' : 'main';
  const seen = new Set<string>();
  const ordered: AgentRef[] = [];
  for (const entry of list) {
    const id = normalizeAgentId(entry.id);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    ordered.push(entry.name === undefined ? { id } : { id, name: entry.name });
  }
  if (!seen.has(defaultAgentId)) ordered.unshift({ id: defaultAgentId });
  return { defaultAgentId, ordered };
}

/** The configured default model id (`agents.defaults.model`, string or `{primary}`), or null. */
export function resolveDefaultModel(config: RustyClawConfig): string | null {
  const model = config.agents?.defaults?.model;
  if (typeof model === 'string') return model || null;
  return model?.primary ?? null;
}
