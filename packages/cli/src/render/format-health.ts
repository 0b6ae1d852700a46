import { asArray, asBoolean, asNumber, asRecord, asString, asStringArray, type Fields } from './read-fields.js';
import { formatAge, formatDuration } from './format-duration.js';

export interface FormatHealthOptions {
  url: string;
  /** Round-trip time of the RPC, shown when the payload has no `durationMs`. */
  elapsedMs: number;
  now?: number;
}

/**
 * The human summary of a `health` payload (ours or OpenClaw's HealthSummary): one status line, then
 * channels, event loop, plugins, agents, heartbeat and session stores, each only when present.
 */
export function formatHealth(payload: unknown, options: FormatHealthOptions): string[] {
  const health = asRecord(payload) ?? {};
  const now = options.now ?? Date.now();
  const ok = asBoolean(health.ok) === true;
  const duration = asNumber(health.durationMs) ?? options.elapsedMs;
  const lines = [`Gateway ${options.url}: ${ok ? 'OK' : 'NOT OK'} (${Math.round(duration)}ms)`];

  lines.push(...formatChannels(health));
  const eventLoop = asRecord(health.eventLoop);
  if (eventLoop) lines.push(formatEventLoop(eventLoop));

  const plugins = asRecord(health.plugins);
  if (plugins) {
    const loaded = asStringArray(plugins.loaded);
    const errors = asArray(plugins.errors);
    lines.push(`Plugins: ${loaded.length} loaded${loaded.length > 0 ? ` (${loaded.join(', ')})` : ''}${errors.length > 0 ? `, ${errors.length} with errors` : ''}`);
  }

  const agents = asArray(health.agents).map(asRecord).filter((agent): agent is Fields => agent !== undefined);
  const agentLabels = agents
    .map((agent) => {
      const id = asString(agent.agentId);
      if (id === undefined) return undefined;
      return asBoolean(agent.isDefault) === true ? `${id} (default)` : id;
    })
    .filter((label): label is string => label !== undefined);
  if (agentLabels.length > 0) lines.push(`Agents: ${agentLabels.join(', ')}`);

  const heartbeats = agents
    .map((agent) => {
      const id = asString(agent.agentId) ?? '?';
      const heartbeat = asRecord(agent.heartbeat);
      const everyMs = asNumber(heartbeat?.everyMs);
      const enabled = asBoolean(heartbeat?.enabled) !== false;
      return `${enabled && everyMs !== undefined && everyMs > 0 ? formatDuration(everyMs) : 'disabled'} (${id})`;
    });
  if (heartbeats.length > 0) lines.push(`Heartbeat interval: ${heartbeats.join(', ')}`);

  if (agents.length === 0) {
    lines.push(...formatSessions('Session store', asRecord(health.sessions), now));
  } else {
    for (const agent of agents) {
      lines.push(...formatSessions(`Session store (${asString(agent.agentId) ?? '?'})`, asRecord(agent.sessions), now));
    }
  }
  return lines;
}

function formatChannels(health: Fields): string[] {
  const channels = asRecord(health.channels) ?? {};
  const labels = asRecord(health.channelLabels) ?? {};
  const order = asStringArray(health.channelOrder);
  const ids = [...order, ...Object.keys(channels).filter((id) => !order.includes(id))];
  return ids.map((id) => {
    const channel = asRecord(channels[id]) ?? {};
    const label = asString(labels[id]) ?? id;
    const probe = asRecord(channel.probe);
    let state: string;
    if (probe && asBoolean(probe.ok) === false) state = `failed${asString(probe.error) ? ` (${asString(probe.error)})` : ''}`;
    else if (asBoolean(channel.linked) === true) state = 'linked';
    else if (asBoolean(channel.configured) === false) state = 'not configured';
    else if (asBoolean(channel.linked) === false) state = 'not linked';
    else state = 'configured';
    return `${label}: ${state}`;
  });
}

function formatEventLoop(eventLoop: Fields): string {
  const reasons = asStringArray(eventLoop.reasons);
  const parts = [`Event loop: ${asBoolean(eventLoop.degraded) === true ? 'degraded' : 'ok'}`];
  if (reasons.length > 0) parts.push(`reasons=${reasons.join(',')}`);
  const max = asNumber(eventLoop.delayMaxMs);
  const p99 = asNumber(eventLoop.delayP99Ms);
  const utilization = asNumber(eventLoop.utilization);
  if (max !== undefined) parts.push(`max=${Math.round(max)}ms`);
  if (p99 !== undefined) parts.push(`p99=${Math.round(p99)}ms`);
  if (utilization !== undefined) parts.push(`util=${utilization}`);
  return parts.join(' ');
}

function formatSessions(title: string, sessions: Fields | undefined, now: number): string[] {
  if (!sessions) return [];
  const path = asString(sessions.path);
  const count = asNumber(sessions.count);
  const lines = [`${title}: ${path ?? '(in memory)'}${count !== undefined ? ` (${count} ${count === 1 ? 'entry' : 'entries'})` : ''}`];
  for (const entry of asArray(sessions.recent)) {
    const recent = asRecord(entry);
    const key = asString(recent?.key);
    if (key === undefined) continue;
    const updatedAt = asNumber(recent?.updatedAt);
    lines.push(`- ${key} (${updatedAt !== undefined ? formatAge(updatedAt, now) : 'no activity'})`);
  }
  return lines;
}
