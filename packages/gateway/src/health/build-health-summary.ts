import type { RustyClawConfig } from '@rusty-claw/core';
import type { HealthSummary } from '@rusty-claw/protocol';
import { resolveAgentOrder } from './agent-order.js';
import { disabledHeartbeatSummary } from './heartbeat-summary.js';
import { readSessionIndex, sessionIndexPath, summarizeSessionIndex } from './session-index-summary.js';

/**
 * The `health` result (OpenClaw's HealthSummary, §5.2): gateway liveness, channel accounts, heartbeat, and each agent's session store at a glance.
 */
export async function buildHealthSummary(params: {
  config: RustyClawConfig;
  stateDir: string;
  now: () => number;
  /** The channel accounts' health (see channels/build-channels-status.ts); empty when absent. */
  channels?: () => Promise<Pick<HealthSummary, 'channels' | 'channelOrder' | 'channelLabels'>>;
}): Promise<HealthSummary> {
  const start = params.now();
  const { defaultAgentId, ordered } = resolveAgentOrder(params.config);
  const agents = await Promise.all(
    ordered.map(async (agent) => {
      const path = sessionIndexPath(params.stateDir, agent.id);
      const rows = await readSessionIndex(path);
      return {
        agentId: agent.id,
        ...(agent.name === undefined ? {} : { name: agent.name }),
        isDefault: agent.id === defaultAgentId,
        heartbeat: disabledHeartbeatSummary(),
        sessions: summarizeSessionIndex(path, rows, params.now()),
      };
    }),
  );
  const defaultAgent = agents.find((agent) => agent.isDefault) ?? agents[0];
  const sessions = defaultAgent?.sessions ?? summarizeSessionIndex(sessionIndexPath(params.stateDir, defaultAgentId), [], params.now());
  const channels = (await params.channels?.()) ?? { channels: {}, channelOrder: [], channelLabels: {} };
  const ts = params.now();
  return {
    ok: true,
    ts,
    durationMs: Math.max(0, ts - start),
    ...channels,
    heartbeatSeconds: 0,
    defaultAgentId,
    agents,
    sessions,
  };
}
