import { asArray, asBoolean, asNumber, asRecord, asString, asStringArray, type Fields } from './read-fields.js';
import { formatAge, formatBytes, formatDuration } from './format-duration.js';

export interface FormatStatusOptions {
  url: string;
  /** The `hello-ok` payload of the connection (server version, protocol, granted auth, uptime). */
  hello: unknown;
  elapsedMs: number;
  now?: number;
}

/**
 * The human summary of a `status` payload (ours or OpenClaw's StatusSummary) plus what the handshake
 * told us about the gateway. Only fields that are present (and of the expected type) are shown.
 */
export function formatStatus(payload: unknown, options: FormatStatusOptions): string[] {
  const status = asRecord(payload) ?? {};
  const hello = asRecord(options.hello) ?? {};
  const now = options.now ?? Date.now();
  const server = asRecord(hello.server) ?? {};
  const snapshot = asRecord(hello.snapshot) ?? {};
  const auth = asRecord(hello.auth);

  const gatewayParts = [`reachable (${Math.round(options.elapsedMs)}ms)`];
  const protocol = asNumber(hello.protocol);
  if (protocol !== undefined) gatewayParts.push(`protocol v${protocol}`);
  const serverVersion = asString(server.version) ?? asString(status.runtimeVersion);
  if (serverVersion !== undefined) gatewayParts.push(`version ${serverVersion}`);
  const uptime = asNumber(snapshot.uptimeMs);
  if (uptime !== undefined) gatewayParts.push(`up ${formatDuration(uptime)}`);
  const lines = [`Gateway: ${options.url} · ${gatewayParts.join(' · ')}`];

  if (auth) {
    const scopes = asStringArray(auth.scopes);
    const method = asString(auth.method);
    lines.push(`Auth: ${method ? `${method} · ` : ''}role ${asString(auth.role) ?? 'operator'} · scopes ${scopes.length > 0 ? scopes.join(', ') : '(none)'}`);
  }

  const heartbeat = asRecord(status.heartbeat);
  const heartbeatAgents = asArray(heartbeat?.agents).map(asRecord).filter((agent): agent is Fields => agent !== undefined);
  if (heartbeatAgents.length > 0) {
    const parts = heartbeatAgents.map((agent) => {
      const id = asString(agent.agentId) ?? '?';
      const everyMs = asNumber(agent.everyMs);
      return asBoolean(agent.enabled) === false || everyMs === undefined ? `${id} disabled` : `${id} every ${formatDuration(everyMs)}`;
    });
    lines.push(`Heartbeat: ${parts.join(', ')}`);
  }

  const channelSummary = asArray(status.channelSummary);
  const channelLines = channelSummary.map((entry) => asString(entry) ?? JSON.stringify(entry));
  lines.push(`Channels: ${channelLines.length > 0 ? '' : 'none'}`.trimEnd());
  for (const line of channelLines) lines.push(`  ${line}`);

  const sessions = asRecord(status.sessions);
  if (sessions) {
    const count = asNumber(sessions.count);
    const defaults = asRecord(sessions.defaults);
    const model = asString(defaults?.model);
    lines.push(`Sessions: ${count ?? '?'}${model ? ` · default model ${model}` : ''}`);
    for (const entry of asArray(sessions.recent).slice(0, 5)) {
      const recent = asRecord(entry);
      const key = asString(recent?.key);
      if (key === undefined) continue;
      const updatedAt = asNumber(recent?.updatedAt);
      lines.push(`  - ${key}${updatedAt !== undefined ? ` (${formatAge(updatedAt, now)})` : ''}`);
    }
  }

  const tasks = asRecord(status.tasks);
  if (tasks) {
    const parts = (['total', 'active', 'failures'] as const)
      .map((key) => (asNumber(tasks[key]) !== undefined ? `${key} ${asNumber(tasks[key])}` : undefined))
      .filter((part): part is string => part !== undefined);
    if (parts.length > 0) lines.push(`Tasks: ${parts.join(' · ')}`);
  }

  const queued = asArray(status.queuedSystemEvents);
  if (Array.isArray(status.queuedSystemEvents)) lines.push(`Queued system events: ${queued.length}`);

  const memory = asRecord(status.processMemory);
  const rss = asNumber(memory?.rssBytes);
  if (rss !== undefined) lines.push(`Memory: RSS ${formatBytes(rss)}`);
  return lines;
}
