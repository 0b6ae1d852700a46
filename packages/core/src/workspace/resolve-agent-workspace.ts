import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RustyClawConfig } from '../config-schema.js';
import { DEFAULT_AGENT_ID, normalizeAgentId } from '../session/session-key.js';

type AgentsConfig = Pick<RustyClawConfig, 'agents'>;

/** The default agent: the `agents.list` entry marked `default`, else the first one, else `main` (OpenClaw's rule). */
export function resolveDefaultAgentId(config: AgentsConfig): string {
  const list = config.agents?.list ?? [];
  const chosen = list.find((agent) => agent.default) ?? list[0];
  return chosen ? normalizeAgentId(chosen.id) : DEFAULT_AGENT_ID;
}

function expandHome(path: string, home: string): string {
  return path === '~' ? home : path.startsWith('~/') ? join(home, path.slice(2)) : path;
}

/**
 * The agent's workspace directory, as OpenClaw resolves it: `agents.list[].workspace`, else (default agent)
 * `agents.defaults.workspace` or `<stateDir>/workspace`, else `<stateDir>/workspace-<agentId>`. `~` expands.
 */
export function resolveAgentWorkspaceDir(options: { config: AgentsConfig; agentId: string; stateDir: string; home?: string }): string {
  const home = options.home ?? homedir();
  const agentId = normalizeAgentId(options.agentId);
  const entry = options.config.agents?.list?.find((agent) => normalizeAgentId(agent.id) === agentId);
  if (entry?.workspace) return resolve(expandHome(entry.workspace, home));
  if (agentId === resolveDefaultAgentId(options.config)) {
    const fallback = options.config.agents?.defaults?.workspace;
    return resolve(fallback ? expandHome(fallback, home) : join(options.stateDir, 'workspace'));
  }
  return resolve(join(options.stateDir, `workspace-${agentId}`));
}
