import type { ChannelAccountSnapshot, ChannelsStatusResult } from '@rusty-claw/protocol';
import { resolveAllowFrom, resolveDmPolicy } from '../router/access/check-inbound-access.js';
import { channelMeta, sortChannels } from './channel-meta.js';
import type { AccountView } from './channel-manager.js';

/**
 * Why an account is not healthy, in a word (OpenClaw sets `healthState` only then). `connected` is the channel's
 * own claim, true only while its transport is known to work.
 */
function healthState(view: AccountView, running: boolean, connected: boolean): string | undefined {
  if (!view.account.enabled) return 'disabled';
  if (view.loggedOut) return 'logged-out';
  if (!view.hasFactory) return 'not-installed';
  if (view.runtime.phase === 'failed') return 'failed';
  if (view.runtime.phase === 'starting') return 'starting';
  if (!running) return 'stopped';
  if (!connected) return 'disconnected';
  return undefined;
}

/** One account as `channels.status` reports it (OpenClaw's ChannelAccountSnapshot plus our counters). */
export function accountSnapshot(channel: string, view: AccountView, activeRuns: number): ChannelAccountSnapshot {
  const { account, runtime, status } = view;
  const running = runtime.phase === 'running' && status?.running === true;
  const connected = running && status?.connected === true;
  const lastError = status?.lastError ?? runtime.lastError;
  const lastErrorAt = status?.lastErrorAt ?? runtime.lastErrorAt;
  const reconnectCount = status?.reconnectCount ?? 0;
  const state = healthState(view, running, connected);
  const allowFrom = resolveAllowFrom(channel, account.config).filter((entry): entry is string | number => typeof entry === 'string' || typeof entry === 'number').map(String);
  return {
    accountId: account.accountId,
    ...(account.name === undefined ? {} : { name: account.name }),
    enabled: account.enabled,
    configured: view.hasFactory,
    running,
    connected,
    reconnectAttempts: reconnectCount,
    reconnectCount,
    ...(lastError === undefined ? {} : { lastError }),
    ...(lastErrorAt === undefined ? {} : { lastErrorAt }),
    ...(state === undefined ? {} : { healthState: state }),
    ...(runtime.lastStartAt === undefined ? {} : { lastStartAt: runtime.lastStartAt }),
    ...(runtime.lastStopAt === undefined ? {} : { lastStopAt: runtime.lastStopAt }),
    ...(status?.lastInboundAt === undefined ? {} : { lastInboundAt: status.lastInboundAt }),
    ...(status?.lastOutboundAt === undefined ? {} : { lastOutboundAt: status.lastOutboundAt }),
    ...(runtime.lastProbeAt === undefined ? {} : { lastProbeAt: runtime.lastProbeAt }),
    ...(runtime.probe === undefined ? {} : { probe: runtime.probe }),
    ...(status?.mode === undefined ? {} : { mode: status.mode }),
    ...(status?.self === undefined ? {} : { self: status.self }),
    dmPolicy: resolveDmPolicy(channel, account.config),
    allowFrom,
    busy: activeRuns > 0,
    activeRuns,
    loggedOut: view.loggedOut,
  };
}

/** The default account of a channel: `defaultAccount` when set, else `default`, else the first one. */
function defaultAccountId(views: readonly AccountView[]): string {
  const named = views[0]?.account.config['defaultAccount'];
  const ids = views.map((view) => view.account.accountId);
  if (typeof named === 'string' && ids.includes(named.trim().toLowerCase())) return named.trim().toLowerCase();
  return ids.includes('default') ? 'default' : (ids[0] ?? 'default');
}

/** `channels.status` (OpenClaw's ChannelsStatusResult). */
export function buildChannelsStatus(
  views: ReadonlyArray<{ channel: string; accounts: AccountView[] }>,
  options: { now: number; activeRuns(channel: string, accountId: string): number },
): ChannelsStatusResult {
  const order = sortChannels(views.map((view) => view.channel));
  const byChannel = new Map(views.map((view) => [view.channel, view.accounts]));
  const result: ChannelsStatusResult = {
    ts: options.now,
    channelOrder: order,
    channelLabels: {},
    channelDetailLabels: {},
    channelSystemImages: {},
    channelMeta: [],
    channels: {},
    channelAccounts: {},
    channelDefaultAccountId: {},
  };
  for (const channel of order) {
    const meta = channelMeta(channel);
    const accounts = byChannel.get(channel) ?? [];
    const snapshots = accounts.map((view) => accountSnapshot(channel, view, options.activeRuns(channel, view.account.accountId)));
    const defaultId = defaultAccountId(accounts);
    const primary = snapshots.find((snapshot) => snapshot.accountId === defaultId) ?? snapshots[0];
    result.channelLabels[channel] = meta.label;
    (result.channelDetailLabels as Record<string, string>)[channel] = meta.detailLabel;
    if (meta.systemImage) (result.channelSystemImages as Record<string, string>)[channel] = meta.systemImage;
    result.channelMeta?.push({ id: channel, label: meta.label, detailLabel: meta.detailLabel, ...(meta.systemImage ? { systemImage: meta.systemImage } : {}) });
    result.channelAccounts[channel] = snapshots;
    result.channelDefaultAccountId[channel] = defaultId;
    result.channels[channel] = {
      configured: snapshots.some((snapshot) => snapshot.configured === true),
      running: primary?.running ?? false,
      connected: primary?.connected ?? false,
      ...(primary?.lastError === undefined ? {} : { lastError: primary.lastError }),
    };
  }
  return result;
}

/** The `channels` / `channelOrder` / `channelLabels` part of the HealthSummary. */
export function healthChannels(status: ChannelsStatusResult): {
  channels: Record<string, Record<string, unknown> & { accountId: string }>;
  channelOrder: string[];
  channelLabels: Record<string, string>;
} {
  const channels: Record<string, Record<string, unknown> & { accountId: string }> = {};
  for (const channel of status.channelOrder) {
    const accounts = status.channelAccounts[channel] ?? [];
    const defaultId = status.channelDefaultAccountId[channel] ?? 'default';
    const health = (snapshot: ChannelAccountSnapshot) => ({
      accountId: snapshot.accountId,
      configured: snapshot.configured === true,
      running: snapshot.running === true,
      connected: snapshot.connected === true,
      reconnectCount: snapshot.reconnectCount ?? 0,
      ...(snapshot.lastInboundAt === undefined ? {} : { lastInboundAt: snapshot.lastInboundAt }),
      ...(snapshot.lastOutboundAt === undefined ? {} : { lastOutboundAt: snapshot.lastOutboundAt }),
      ...(snapshot.lastError === undefined ? {} : { lastError: snapshot.lastError }),
      ...(snapshot.healthState === undefined ? {} : { healthState: snapshot.healthState }),
      ...(snapshot.lastProbeAt === undefined ? {} : { lastProbeAt: snapshot.lastProbeAt, probe: snapshot.probe }),
    });
    const primary = accounts.find((snapshot) => snapshot.accountId === defaultId) ?? accounts[0];
    channels[channel] = {
      ...(primary ? health(primary) : { accountId: defaultId, configured: false }),
      accounts: Object.fromEntries(accounts.map((snapshot) => [snapshot.accountId, health(snapshot)])),
    };
  }
  return { channels, channelOrder: status.channelOrder, channelLabels: status.channelLabels };
}
