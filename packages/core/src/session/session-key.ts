import { SessionStoreError } from './session-store-error.js';

// Session keys as OpenClaw builds them (src/routing/session-key.ts, 2026.5.7): lowercase, `agent:<agentId>:<rest>`.

export const DEFAULT_AGENT_ID = 'main';
export const DEFAULT_MAIN_KEY = 'main';
export const DEFAULT_ACCOUNT_ID = 'default';

/** `session.dmScope`: how direct messages map to sessions. */
export type DmScope = 'main' | 'per-peer' | 'per-channel-peer' | 'per-account-channel-peer';
export type PeerKind = 'direct' | 'group' | 'channel' | 'room';

const VALID_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/i;
const BLOCKED_IDS = new Set(['__proto__', 'constructor', 'prototype']);

export function isValidAgentId(value: unknown): value is string {
  return typeof value === 'string' && VALID_ID.test(value.trim());
}

/** OpenClaw's lenient form: trimmed, lowercase, invalid runs become `-`; empty or unusable → `main`. */
export function normalizeAgentId(value: string | undefined): string {
  return canonicalId(value) ?? DEFAULT_AGENT_ID;
}

/** Strict: the id is used as a path segment (`agents/<id>/…`), so anything but `[a-z0-9][a-z0-9_-]{0,63}` is refused. */
export function assertAgentId(value: unknown): string {
  if (!isValidAgentId(value)) {
    throw new SessionStoreError('SESSION_KEY_INVALID', `invalid agent id ${JSON.stringify(value)}: expected [a-z0-9][a-z0-9_-]{0,63}`);
  }
  return value.trim().toLowerCase();
}

/** OpenClaw's account-id normalization (same rules as agent ids; empty → `default`). */
export function normalizeAccountId(value: string | undefined): string {
  return canonicalId(value) ?? DEFAULT_ACCOUNT_ID;
}

function canonicalId(value: string | undefined): string | undefined {
  const trimmed = (value ?? '').trim();
  if (trimmed === '') return undefined;
  const lower = trimmed.toLowerCase();
  const canonical = VALID_ID.test(trimmed) ? lower : lower.replace(/[^a-z0-9_-]+/g, '-').replace(/^-+/, '').replace(/-+$/, '').slice(0, 64);
  return canonical === '' || BLOCKED_IDS.has(canonical) ? undefined : canonical;
}

/** `agent:<agentId>:<mainKey>`, `agent:main:main` by default. */
export function buildMainSessionKey(options: { agentId?: string | undefined; mainKey?: string | undefined } = {}): string {
  const mainKey = (options.mainKey ?? '').trim().toLowerCase() || DEFAULT_MAIN_KEY;
  return `agent:${normalizeAgentId(options.agentId)}:${mainKey}`;
}

/** A key as a client sends it (`chat.send {sessionKey}`): `main`, empty, a bare rest, or a full `agent:` key. */
export interface SessionKeyRequest {
  key?: string | undefined;
  agentId?: string | undefined;
  mainKey?: string | undefined;
}

/** An inbound channel message: who wrote, where, and how the config isolates DMs. */
export interface PeerSessionKeyInput {
  agentId?: string | undefined;
  mainKey?: string | undefined;
  channel: string;
  accountId?: string | undefined;
  peer: { kind: PeerKind; id: string };
  threadId?: string | undefined;
  dmScope?: DmScope | undefined;
  /** `session.identityLinks`: canonical name → peer ids (bare or `channel:id`) that are the same person. */
  identityLinks?: Record<string, readonly string[]> | undefined;
}

/**
 * The store key for a request or an inbound message.
 * - Requests: `main` or empty → the main key; `agent:<id>:<rest>` is kept (lowercased); anything else is prefixed
 *   with `agent:<agentId>:`. A malformed `agent:` key is refused.
 * - Messages: DMs follow `dmScope` (`main` → the main key; `per-peer` → `agent:<id>:direct:<peer>`;
 *   `per-channel-peer` → `agent:<id>:<channel>:direct:<peer>`; `per-account-channel-peer` →
 *   `agent:<id>:<channel>:<account>:direct:<peer>`); groups, channels and rooms are
 *   `agent:<id>:<channel>:<kind>:<peer>`; a thread appends `:thread:<threadId>`.
 */
export function resolveSessionKey(input: SessionKeyRequest | PeerSessionKeyInput): string {
  if ('peer' in input) return resolvePeerSessionKey(input);
  const raw = (input.key ?? '').trim();
  const lowered = raw.toLowerCase();
  if (lowered === '' || lowered === 'main') return buildMainSessionKey(input);
  if (lowered.startsWith('agent:')) {
    const parsed = parseSessionKey(lowered);
    if (!parsed) throw new SessionStoreError('SESSION_KEY_INVALID', `malformed session key ${JSON.stringify(raw)}: expected agent:<agentId>:<rest>`);
    return parsed.key;
  }
  return `agent:${normalizeAgentId(input.agentId)}:${lowered}`;
}

function resolvePeerSessionKey(input: PeerSessionKeyInput): string {
  const agentId = normalizeAgentId(input.agentId);
  const channel = input.channel.trim().toLowerCase() || 'unknown';
  let base: string;
  if (input.peer.kind === 'direct') {
    const dmScope = input.dmScope ?? 'main';
    const linked = dmScope === 'main' ? undefined : linkedPeerId(input.identityLinks, channel, input.peer.id);
    const peerId = (linked ?? input.peer.id).trim().toLowerCase();
    if (peerId === '' || dmScope === 'main') base = buildMainSessionKey(input);
    else if (dmScope === 'per-account-channel-peer') base = `agent:${agentId}:${channel}:${normalizeAccountId(input.accountId)}:direct:${peerId}`;
    else if (dmScope === 'per-channel-peer') base = `agent:${agentId}:${channel}:direct:${peerId}`;
    else base = `agent:${agentId}:direct:${peerId}`;
  } else {
    base = `agent:${agentId}:${channel}:${input.peer.kind}:${input.peer.id.trim().toLowerCase() || 'unknown'}`;
  }
  const threadId = (input.threadId ?? '').trim().toLowerCase();
  return threadId === '' ? base : `${base}:thread:${threadId}`;
}

function linkedPeerId(links: PeerSessionKeyInput['identityLinks'], channel: string, peerId: string): string | undefined {
  const id = peerId.trim().toLowerCase();
  if (!links || id === '') return undefined;
  const candidates = new Set([id, `${channel}:${id}`]);
  for (const [canonical, ids] of Object.entries(links)) {
    if (canonical.trim() === '' || !Array.isArray(ids)) continue;
    if (ids.some((candidate) => candidates.has(String(candidate).trim().toLowerCase()))) return canonical.trim();
  }
  return undefined;
}

export type SessionKeyKind = 'main' | 'direct' | 'group' | 'channel' | 'room' | 'subagent' | 'acp' | 'dashboard' | 'explicit' | 'cron' | 'other';

export interface ParsedSessionKey {
  /** The normalized (lowercase, trimmed) key. */
  key: string;
  agentId: string;
  /** Everything after `agent:<agentId>:`. */
  rest: string;
  kind: SessionKeyKind;
  channel?: string;
  accountId?: string;
  peerId?: string;
  threadId?: string;
}

const GROUP_KINDS = new Set(['group', 'channel', 'room']);
const SPECIAL_KINDS = new Set(['subagent', 'acp', 'dashboard', 'explicit', 'cron']);

/** Splits an `agent:<agentId>:<rest>` key; undefined for other keys (`global`, `hook:…`) or an invalid agent id. */
export function parseSessionKey(key: string): ParsedSessionKey | undefined {
  const parts = key.trim().toLowerCase().split(':').filter(Boolean);
  const [prefix, agentId] = parts;
  if (parts.length < 3 || prefix !== 'agent' || !isValidAgentId(agentId)) return undefined;
  const rest = parts.slice(2).join(':');
  const parsed: ParsedSessionKey = { key: `agent:${agentId}:${rest}`, agentId, rest, kind: 'other' };
  const marker = rest.lastIndexOf(':thread:');
  const base = (marker === -1 ? rest : rest.slice(0, marker)).split(':');
  if (marker !== -1) parsed.threadId = rest.slice(marker + ':thread:'.length);
  const [first = '', second, third] = base;
  if (base.length === 1) parsed.kind = SPECIAL_KINDS.has(first) ? (first as SessionKeyKind) : 'main';
  else if (first === 'direct') Object.assign(parsed, { kind: 'direct', peerId: base.slice(1).join(':') });
  else if (second === 'direct') Object.assign(parsed, { kind: 'direct', channel: first, peerId: base.slice(2).join(':') });
  else if (third === 'direct' && base.length >= 4) Object.assign(parsed, { kind: 'direct', channel: first, accountId: second, peerId: base.slice(3).join(':') });
  else if (second !== undefined && GROUP_KINDS.has(second) && base.length >= 3) Object.assign(parsed, { kind: second, channel: first, peerId: base.slice(2).join(':') });
  else if (SPECIAL_KINDS.has(first)) parsed.kind = first as SessionKeyKind;
  return parsed;
}
