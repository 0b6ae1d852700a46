import { buildMainSessionKey, normalizeAccountId, normalizeAgentId, resolveSessionKey, type DmScope, type PeerKind, type RustyClawConfig } from '@rusty-claw/core';
import { resolveAgentOrder } from '../health/agent-order.js';

/** One `bindings[]` entry (OpenClaw's route binding): which agent answers a channel / account / peer. */
export interface RouteBinding {
  agentId: string;
  match: {
    channel: string;
    /** Absent: the default account only. `*`: any account. */
    accountId: string;
    peer?: { kind: PeerKind; id: string };
    guildId?: string;
    teamId?: string;
    roles?: string[];
  };
  session?: { dmScope?: DmScope };
}

export interface RouteInput {
  channel: string;
  accountId: string;
  peer: { kind: PeerKind; id: string };
  threadId?: string;
  guildId?: string;
  teamId?: string;
  memberRoleIds?: readonly string[];
}

export type RouteMatch = 'binding.peer' | 'binding.peer.wildcard' | 'binding.guild+roles' | 'binding.guild' | 'binding.team' | 'binding.account' | 'binding.channel' | 'default';

export interface ResolvedRoute {
  agentId: string;
  sessionKey: string;
  mainSessionKey: string;
  matchedBy: RouteMatch;
}

const PEER_KINDS = new Set(['direct', 'group', 'channel', 'room']);
const DM_SCOPES = new Set(['main', 'per-peer', 'per-channel-peer', 'per-account-channel-peer']);

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : typeof value === 'number' ? String(value) : '';
}

/**
 * The route bindings of a config, leniently: entries that are not route bindings (`type: "acp"`) or lack a channel
 * are skipped, as OpenClaw does. Core validates `bindings` with OpenClaw's shape; this reader stays lenient so a
 * binding the router cannot use is skipped instead of failing a message.
 */
export function readRouteBindings(config: RustyClawConfig): RouteBinding[] {
  const raw = (config as { bindings?: unknown }).bindings;
  if (!Array.isArray(raw)) return [];
  const bindings: RouteBinding[] = [];
  for (const entry of raw as unknown[]) {
    if (typeof entry !== 'object' || entry === null) continue;
    const record = entry as Record<string, unknown>;
    if (record['type'] !== undefined && record['type'] !== 'route') continue;
    const match = record['match'] as Record<string, unknown> | undefined;
    const channel = text(match?.['channel']).toLowerCase();
    if (!match || !channel) continue;
    const binding: RouteBinding = { agentId: text(record['agentId']), match: { channel, accountId: text(match['accountId']) } };
    const peer = match['peer'] as Record<string, unknown> | undefined;
    if (peer !== undefined) {
      // OpenClaw accepts `dm` as another name for `direct` in bindings.
      const rawKind = text(peer?.['kind']).toLowerCase();
      const kind = rawKind === 'dm' ? 'direct' : rawKind;
      const id = text(peer?.['id']);
      if (!PEER_KINDS.has(kind) || !id) continue; // an invalid peer constraint never matches
      binding.match.peer = { kind: kind as PeerKind, id };
    }
    const guildId = text(match['guildId']);
    const teamId = text(match['teamId']);
    if (guildId) binding.match.guildId = guildId;
    if (teamId) binding.match.teamId = teamId;
    if (Array.isArray(match['roles']) && match['roles'].length > 0) binding.match.roles = (match['roles'] as unknown[]).map(text).filter(Boolean);
    const dmScope = (record['session'] as { dmScope?: unknown } | undefined)?.dmScope;
    if (typeof dmScope === 'string' && DM_SCOPES.has(dmScope)) binding.session = { dmScope: dmScope as DmScope };
    bindings.push(binding);
  }
  return bindings;
}

function kindMatches(bindingKind: PeerKind, kind: PeerKind): boolean {
  return bindingKind === kind || (bindingKind === 'group' && kind === 'channel') || (bindingKind === 'channel' && kind === 'group');
}

function scopeMatches(binding: RouteBinding, input: RouteInput, roles: ReadonlySet<string>): boolean {
  const { match } = binding;
  if (match.peer) {
    if (!kindMatches(match.peer.kind, input.peer.kind)) return false;
    if (match.peer.id !== '*' && match.peer.id !== input.peer.id) return false;
  }
  if (match.guildId && match.guildId !== input.guildId) return false;
  if (match.teamId && match.teamId !== input.teamId) return false;
  if (match.roles && !match.roles.some((role) => roles.has(role))) return false;
  return true;
}

type Tier = { matchedBy: RouteMatch; test(binding: RouteBinding): boolean };

/**
 * OpenClaw's routing (docs/channels/channel-routing.md, src/routing/resolve-route.ts): the bindings of this channel
 * and account (a binding without `accountId` is for the default account, `*` for any) are tried tier by tier —
 * exact peer, wildcard peer, guild + roles, guild, team, account, channel — in config order within a tier; every
 * constraint a binding names must match. No match: the default agent. An agent id the config does not list falls
 * back to the default agent. The session key follows `session.dmScope` (or the binding's own `session.dmScope`).
 */
export function resolveAgentRoute(config: RustyClawConfig, input: RouteInput): ResolvedRoute {
  const channel = input.channel.trim().toLowerCase();
  const accountId = normalizeAccountId(input.accountId);
  const candidates = readRouteBindings(config).filter((binding) => {
    if (binding.match.channel !== channel) return false;
    const pattern = binding.match.accountId;
    return pattern === '*' || normalizeAccountId(pattern) === accountId;
  });
  const roles = new Set(input.memberRoleIds ?? []);
  const tiers: Tier[] = [
    { matchedBy: 'binding.peer', test: (b) => b.match.peer !== undefined && b.match.peer.id !== '*' },
    { matchedBy: 'binding.peer.wildcard', test: (b) => b.match.peer?.id === '*' },
    { matchedBy: 'binding.guild+roles', test: (b) => !b.match.peer && Boolean(b.match.guildId && b.match.roles) && Boolean(input.guildId) && roles.size > 0 },
    { matchedBy: 'binding.guild', test: (b) => !b.match.peer && Boolean(b.match.guildId) && !b.match.roles && Boolean(input.guildId) },
    { matchedBy: 'binding.team', test: (b) => !b.match.peer && !b.match.guildId && Boolean(b.match.teamId) && Boolean(input.teamId) },
    { matchedBy: 'binding.account', test: (b) => isPlain(b) && b.match.accountId !== '*' },
    { matchedBy: 'binding.channel', test: (b) => isPlain(b) && b.match.accountId === '*' },
  ];
  for (const tier of tiers) {
    const matched = candidates.find((binding) => tier.test(binding) && scopeMatches(binding, input, roles));
    if (matched) return choose(config, input, matched.agentId, tier.matchedBy, matched.session?.dmScope);
  }
  return choose(config, input, undefined, 'default', undefined);
}

function isPlain(binding: RouteBinding): boolean {
  return !binding.match.peer && !binding.match.guildId && !binding.match.teamId && !binding.match.roles;
}

function existingAgentId(config: RustyClawConfig, agentId: string | undefined): string {
  const { defaultAgentId } = resolveAgentOrder(config);
  const wanted = (agentId ?? '').trim();
  if (!wanted) return defaultAgentId;
  const listed = (config.agents?.list ?? []).map((agent) => normalizeAgentId(agent.id));
  if (listed.length === 0) return normalizeAgentId(wanted);
  const normalized = normalizeAgentId(wanted);
  return listed.includes(normalized) ? normalized : defaultAgentId;
}

function choose(config: RustyClawConfig, input: RouteInput, agentId: string | undefined, matchedBy: RouteMatch, dmScope: DmScope | undefined): ResolvedRoute {
  const resolvedAgentId = existingAgentId(config, agentId);
  const session = config.session as (RustyClawConfig['session'] & { identityLinks?: unknown }) | undefined;
  const identityLinks = typeof session?.identityLinks === 'object' && session.identityLinks !== null ? (session.identityLinks as Record<string, string[]>) : undefined;
  const mainKey = session?.mainKey;
  const sessionKey = resolveSessionKey({
    agentId: resolvedAgentId,
    mainKey,
    channel: input.channel,
    accountId: input.accountId,
    peer: input.peer,
    threadId: input.threadId,
    dmScope: dmScope ?? session?.dmScope ?? 'main',
    identityLinks,
  });
  return { agentId: resolvedAgentId, sessionKey, mainSessionKey: buildMainSessionKey({ agentId: resolvedAgentId, mainKey }), matchedBy };
}
