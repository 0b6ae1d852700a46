import type { RustyClawConfig } from '@rusty-claw/core';
import type { SessionStatus, StatusSummary } from '@rusty-claw/protocol';
import { resolveAgentOrder, resolveDefaultModel } from './agent-order.js';
import { readSessionIndex, sessionIndexPath, type SessionIndexRow } from './session-index-summary.js';

function numberOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** OpenClaw's session kinds, read off the key (`agent:<id>:<channel>:group:<id>` is a group chat). */
function sessionKind(key: string): SessionStatus['kind'] {
  if (key === 'global') return 'global';
  if (key.includes(':cron:')) return 'cron';
  if (key.includes(':group:') || key.includes(':channel:')) return 'group';
  return 'direct';
}

function toSessionStatus(agentId: string, row: SessionIndexRow, now: number, defaultModel: string | null): SessionStatus {
  const totalTokens = numberOrNull(row.entry['totalTokens']);
  const contextTokens = numberOrNull(row.entry['contextTokens']);
  const sessionId = typeof row.entry['sessionId'] === 'string' ? row.entry['sessionId'] : undefined;
  return {
    agentId,
    key: row.key,
    kind: sessionKind(row.key),
    ...(sessionId === undefined ? {} : { sessionId }),
    updatedAt: row.updatedAt || null,
    age: row.updatedAt ? now - row.updatedAt : null,
    totalTokens,
    totalTokensFresh: false,
    remainingTokens: totalTokens !== null && contextTokens !== null ? Math.max(0, contextTokens - totalTokens) : null,
    percentUsed: totalTokens !== null && contextTokens ? Math.round((totalTokens / contextTokens) * 100) : null,
    model: typeof row.entry['model'] === 'string' ? row.entry['model'] : defaultModel,
    contextTokens,
    flags: [],
  };
}

/**
 * The `status` result (OpenClaw's StatusSummary, §5.2). Task and channel figures are zero because those
 * subsystems do not exist yet; session figures come from the per-agent session indexes. Paths are shown
 * to `operator.admin` callers only, as OpenClaw redacts them for everyone else.
 */
export async function buildStatusSummary(params: {
  config: RustyClawConfig;
  stateDir: string;
  version: string;
  includeSensitive: boolean;
  now: () => number;
}): Promise<StatusSummary> {
  const now = params.now();
  const { defaultAgentId, ordered } = resolveAgentOrder(params.config);
  const defaultModel = resolveDefaultModel(params.config);
  const byAgent = await Promise.all(
    ordered.map(async (agent) => {
      const path = sessionIndexPath(params.stateDir, agent.id);
      const rows = await readSessionIndex(path);
      return { agentId: agent.id, path, rows };
    }),
  );
  const all = byAgent
    .flatMap(({ agentId, rows }) => rows.map((row) => ({ agentId, row })))
    .sort((a, b) => b.row.updatedAt - a.row.updatedAt);
  return {
    runtimeVersion: params.version,
    heartbeat: {
      defaultAgentId,
      agents: ordered.map((agent) => ({ agentId: agent.id, enabled: false, every: 'disabled', everyMs: null })),
    },
    channelSummary: [],
    queuedSystemEvents: [],
    tasks: {
      total: 0,
      active: 0,
      terminal: 0,
      failures: 0,
      byStatus: { queued: 0, running: 0, succeeded: 0, failed: 0, timed_out: 0, cancelled: 0, lost: 0 },
      byRuntime: { subagent: 0, acp: 0, cli: 0, cron: 0 },
    },
    taskAudit: {
      total: 0,
      warnings: 0,
      errors: 0,
      byCode: { stale_queued: 0, stale_running: 0, lost: 0, delivery_failed: 0, missing_cleanup: 0, inconsistent_timestamps: 0 },
    },
    sessions: {
      paths: params.includeSensitive ? byAgent.map((agent) => agent.path) : [],
      count: all.length,
      defaults: { model: defaultModel, contextTokens: null },
      recent: all.slice(0, 10).map(({ agentId, row }) => toSessionStatus(agentId, row, now, defaultModel)),
      byAgent: byAgent.map(({ agentId, path, rows }) => ({
        agentId,
        path: params.includeSensitive ? path : '[redacted]',
        count: rows.length,
        recent: rows.slice(0, 10).map((row) => toSessionStatus(agentId, row, now, defaultModel)),
      })),
    },
  };
}
