import { randomBytes, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { safeEqualSecret } from '../auth/safe-equal-secret.js';
import { DeviceStoreError } from '../errors/device-store-error.js';
import { createAsyncLock } from './async-lock.js';
import {
  approvedRoles,
  approvedScopeBaseline,
  uniqueStrings,
  type DeviceTokenEntry,
  type PairedDevice,
  type PendingDeviceRequest,
} from './device-records.js';
import { missingScope, roleScopesAllow } from './role-scopes-allow.js';
import { writeJsonAtomic } from './write-json-atomic.js';

/** Pending requests expire after 5 minutes, as in OpenClaw. */
export const PENDING_TTL_MS = 5 * 60_000;

interface DeviceState {
  pending: Record<string, PendingDeviceRequest>;
  paired: Record<string, PairedDevice>;
}

/** What a connecting device asks for. */
export interface PairingRequestInput {
  deviceId: string;
  publicKey: string;
  displayName?: string | undefined;
  platform?: string | undefined;
  deviceFamily?: string | undefined;
  clientId?: string | undefined;
  clientMode?: string | undefined;
  role: string;
  scopes: readonly string[];
  remoteIp?: string | undefined;
  silent: boolean;
}

export type ApproveResult =
  | { status: 'approved'; requestId: string; device: PairedDevice }
  | { status: 'forbidden'; reason: 'caller-missing-scope'; scope: string };

export type TokenChangeResult =
  | { ok: true; entry: DeviceTokenEntry }
  | { ok: false; reason: 'unknown-device-or-role' | 'scope-outside-approved-baseline' | 'caller-missing-scope'; scope?: string };

export type VerifyTokenResult =
  | { ok: true }
  | { ok: false; reason: 'device-not-paired' | 'token-missing' | 'token-revoked' | 'token-mismatch' | 'scope-mismatch' };

/** 32 random bytes, base64url (43 characters), like OpenClaw's pairing tokens. */
function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Operator tokens carry only `operator.*` scopes, node tokens only the others. */
function scopesForRole(role: string, scopes: readonly string[]): string[] {
  const normalized = uniqueStrings(scopes);
  return role === 'operator'
    ? normalized.filter((scope) => scope.startsWith('operator.'))
    : normalized.filter((scope) => !scope.startsWith('operator.'));
}

/**
 * Pending and paired devices, kept in `<stateDir>/devices/{pending,paired}.json` (atomic writes, mode 0600).
 * Every operation re-reads the files under an in-process lock, so a file edited by hand is picked up and two
 * concurrent connects never lose each other's update. A file that exists but is not a JSON object is never
 * overwritten: operations fail with `DeviceStoreError` until it is fixed.
 */
export class DeviceStore {
  readonly pendingPath: string;
  readonly pairedPath: string;
  private readonly withLock = createAsyncLock();
  private readonly now: () => number;

  constructor(options: { stateDir: string; now?: () => number }) {
    const dir = join(options.stateDir, 'devices');
    this.pendingPath = join(dir, 'pending.json');
    this.pairedPath = join(dir, 'paired.json');
    this.now = options.now ?? Date.now;
  }

  async list(): Promise<{ pending: PendingDeviceRequest[]; paired: PairedDevice[] }> {
    const state = await this.load();
    return {
      pending: Object.values(state.pending).sort((a, b) => b.ts - a.ts),
      paired: Object.values(state.paired).sort((a, b) => b.approvedAtMs - a.approvedAtMs),
    };
  }

  async getPaired(deviceId: string): Promise<PairedDevice | undefined> {
    return (await this.load()).paired[deviceId.trim()];
  }

  async getPending(requestId: string): Promise<PendingDeviceRequest | undefined> {
    return (await this.load()).pending[requestId];
  }

  /**
   * Records (or refreshes) the pending request of a device. A device has at most one pending request: a new
   * ask merges the roles and scopes of the old one, so approving it grants everything that was asked for.
   */
  async requestPairing(input: PairingRequestInput): Promise<{ request: PendingDeviceRequest; created: boolean }> {
    return this.withLock(async () => {
      const state = await this.load();
      const deviceId = input.deviceId.trim();
      const existing = Object.values(state.pending).filter((entry) => entry.deviceId === deviceId);
      const isRepair = state.paired[deviceId] !== undefined;
      const roles = uniqueStrings([...existing.flatMap((entry) => entry.roles ?? []), input.role]);
      const scopes = uniqueStrings([...existing.flatMap((entry) => entry.scopes ?? []), ...input.scopes]);
      const previous = existing[0];
      const sameAsk =
        previous !== undefined &&
        existing.length === 1 &&
        previous.publicKey === input.publicKey &&
        sameSet(previous.roles ?? [], roles) &&
        sameSet(previous.scopes ?? [], scopes);
      for (const entry of existing) delete state.pending[entry.requestId];
      const request: PendingDeviceRequest = {
        requestId: sameAsk ? previous.requestId : randomUUID(),
        deviceId,
        publicKey: input.publicKey,
        ...definedOnly({
          displayName: input.displayName,
          platform: input.platform,
          deviceFamily: input.deviceFamily,
          clientId: input.clientId,
          clientMode: input.clientMode,
          remoteIp: input.remoteIp,
        }),
        role: input.role,
        roles,
        scopes,
        silent: input.silent,
        isRepair,
        ts: sameAsk ? previous.ts : this.now(),
      };
      state.pending[request.requestId] = request;
      await writeJsonAtomic(this.pendingPath, state.pending);
      return { request, created: !sameAsk };
    });
  }

  /**
   * Approves a pending request: the device gets the asked roles and scopes (merged with what it had) and a
   * fresh token per asked role. `callerScopes` must cover the operator scopes being granted, so a
   * `operator.pairing` caller cannot mint an admin device.
   */
  async approve(requestId: string, options: { callerScopes: readonly string[] }): Promise<ApproveResult | undefined> {
    return this.withLock(async () => {
      const state = await this.load();
      const pending = state.pending[requestId];
      if (!pending) return undefined;
      const requestedRoles = uniqueStrings([...(pending.roles ?? []), ...(pending.role ? [pending.role] : [])]);
      const operatorScopes = scopesForRole('operator', pending.scopes ?? []);
      if (requestedRoles.includes('operator')) {
        const missing = missingScope('operator', operatorScopes, options.callerScopes);
        if (missing) return { status: 'forbidden', reason: 'caller-missing-scope', scope: missing };
      }
      const now = this.now();
      const existing = state.paired[pending.deviceId];
      const keyChanged = existing !== undefined && existing.publicKey !== pending.publicKey;
      // A new key means a new identity under the same id: nothing of the old approval carries over.
      const base = keyChanged ? undefined : existing;
      const scopes = uniqueStrings([...(base ? approvedScopeBaseline(base) : []), ...(pending.scopes ?? [])]);
      const tokens: Record<string, DeviceTokenEntry> = { ...base?.tokens };
      for (const role of requestedRoles) {
        const previous = tokens[role];
        const asked = scopesForRole(role, pending.scopes ?? []);
        tokens[role] = {
          token: newToken(),
          role,
          scopes: asked.length > 0 ? asked : scopesForRole(role, previous?.scopes ?? scopes),
          createdAtMs: previous?.createdAtMs ?? now,
          ...(previous ? { rotatedAtMs: now } : {}),
          ...(previous?.lastUsedAtMs !== undefined ? { lastUsedAtMs: previous.lastUsedAtMs } : {}),
        };
      }
      const device: PairedDevice = {
        deviceId: pending.deviceId,
        publicKey: pending.publicKey,
        ...definedOnly({
          displayName: pending.displayName,
          platform: pending.platform,
          deviceFamily: pending.deviceFamily,
          clientId: pending.clientId,
          clientMode: pending.clientMode,
          role: pending.role,
          remoteIp: pending.remoteIp,
        }),
        roles: uniqueStrings([...(base ? approvedRoles(base) : []), ...requestedRoles]),
        scopes,
        approvedScopes: scopes,
        tokens,
        createdAtMs: base?.createdAtMs ?? now,
        approvedAtMs: now,
      };
      delete state.pending[requestId];
      state.paired[device.deviceId] = device;
      await this.persistBoth(state);
      return { status: 'approved', requestId, device };
    });
  }

  async reject(requestId: string): Promise<{ requestId: string; deviceId: string } | undefined> {
    return this.withLock(async () => {
      const state = await this.load();
      const pending = state.pending[requestId];
      if (!pending) return undefined;
      delete state.pending[requestId];
      await writeJsonAtomic(this.pendingPath, state.pending);
      return { requestId, deviceId: pending.deviceId };
    });
  }

  /** Forgets a paired device and any request it has pending. */
  async remove(deviceId: string): Promise<{ deviceId: string } | undefined> {
    return this.withLock(async () => {
      const state = await this.load();
      const id = deviceId.trim();
      if (!id || !state.paired[id]) return undefined;
      delete state.paired[id];
      for (const [requestId, pending] of Object.entries(state.pending)) {
        if (pending.deviceId === id) delete state.pending[requestId];
      }
      await this.persistBoth(state);
      return { deviceId: id };
    });
  }

  /** Checks a device token for (device, role) and that it covers `scopes`; records its use. */
  async verifyToken(params: { deviceId: string; role: string; token: string; scopes: readonly string[] }): Promise<VerifyTokenResult> {
    return this.withLock(async () => {
      const state = await this.load();
      const device = state.paired[params.deviceId.trim()];
      if (!device) return { ok: false, reason: 'device-not-paired' };
      const entry = device.tokens?.[params.role];
      if (!entry) return { ok: false, reason: 'token-missing' };
      if (entry.revokedAtMs !== undefined) return { ok: false, reason: 'token-revoked' };
      if (!params.token.trim() || !safeEqualSecret(params.token, entry.token)) return { ok: false, reason: 'token-mismatch' };
      if (!roleScopesAllow(params.role, entry.scopes, approvedScopeBaseline(device))) return { ok: false, reason: 'scope-mismatch' };
      if (!roleScopesAllow(params.role, params.scopes, entry.scopes)) return { ok: false, reason: 'scope-mismatch' };
      entry.lastUsedAtMs = this.now();
      await writeJsonAtomic(this.pairedPath, state.paired);
      return { ok: true };
    });
  }

  /**
   * The token to hand out in hello-ok: the current one when it still covers `scopes`, otherwise a new one.
   * Undefined when the device is not approved for the role or the scopes exceed its approval.
   */
  async ensureToken(params: { deviceId: string; role: string; scopes: readonly string[] }): Promise<DeviceTokenEntry | undefined> {
    return this.withLock(async () => {
      const state = await this.load();
      const device = state.paired[params.deviceId.trim()];
      if (!device || !approvedRoles(device).includes(params.role)) return undefined;
      const baseline = approvedScopeBaseline(device);
      const requested = uniqueStrings(params.scopes);
      if (!roleScopesAllow(params.role, requested, baseline)) return undefined;
      const existing = device.tokens?.[params.role];
      if (
        existing &&
        existing.revokedAtMs === undefined &&
        roleScopesAllow(params.role, existing.scopes, baseline) &&
        roleScopesAllow(params.role, requested, existing.scopes)
      ) {
        return existing;
      }
      const now = this.now();
      const next: DeviceTokenEntry = {
        token: newToken(),
        role: params.role,
        scopes: requested,
        createdAtMs: existing?.createdAtMs ?? now,
        ...(existing ? { rotatedAtMs: now } : {}),
      };
      device.tokens = { ...device.tokens, [params.role]: next };
      await writeJsonAtomic(this.pairedPath, state.paired);
      return next;
    });
  }

  /** Replaces the token of (device, role), optionally with other scopes inside the approval. */
  async rotateToken(params: {
    deviceId: string;
    role: string;
    scopes?: readonly string[] | undefined;
    callerScopes: readonly string[];
  }): Promise<TokenChangeResult> {
    return this.withLock(async () => {
      const state = await this.load();
      const device = state.paired[params.deviceId.trim()];
      if (!device || !approvedRoles(device).includes(params.role)) return { ok: false, reason: 'unknown-device-or-role' };
      const existing = device.tokens?.[params.role];
      const requested = uniqueStrings(params.scopes ?? existing?.scopes ?? scopesForRole(params.role, approvedScopeBaseline(device)));
      if (!roleScopesAllow(params.role, requested, approvedScopeBaseline(device))) {
        return { ok: false, reason: 'scope-outside-approved-baseline' };
      }
      const missing = missingScope(params.role, requested, params.callerScopes);
      if (params.role === 'operator' && missing) return { ok: false, reason: 'caller-missing-scope', scope: missing };
      const now = this.now();
      const next: DeviceTokenEntry = {
        token: newToken(),
        role: params.role,
        scopes: requested,
        createdAtMs: existing?.createdAtMs ?? now,
        rotatedAtMs: now,
      };
      device.tokens = { ...device.tokens, [params.role]: next };
      await writeJsonAtomic(this.pairedPath, state.paired);
      return { ok: true, entry: next };
    });
  }

  /** Marks the token of (device, role) revoked; the device must pair again for that role. */
  async revokeToken(params: { deviceId: string; role: string; callerScopes: readonly string[] }): Promise<TokenChangeResult> {
    return this.withLock(async () => {
      const state = await this.load();
      const device = state.paired[params.deviceId.trim()];
      const existing = device?.tokens?.[params.role];
      if (!device || !existing || !approvedRoles(device).includes(params.role)) return { ok: false, reason: 'unknown-device-or-role' };
      const missing = missingScope(params.role, existing.scopes, params.callerScopes);
      if (params.role === 'operator' && missing) return { ok: false, reason: 'caller-missing-scope', scope: missing };
      const entry: DeviceTokenEntry = { ...existing, revokedAtMs: this.now() };
      device.tokens = { ...device.tokens, [params.role]: entry };
      await writeJsonAtomic(this.pairedPath, state.paired);
      return { ok: true, entry };
    });
  }

  /** Refreshes what the device last reported about itself (display name, client, IP, last seen). */
  async touch(deviceId: string, patch: { displayName?: string | undefined; clientId?: string; clientMode?: string; remoteIp?: string | undefined }): Promise<void> {
    await this.withLock(async () => {
      const state = await this.load();
      const device = state.paired[deviceId.trim()];
      if (!device) return;
      Object.assign(device, definedOnly(patch), { lastSeenAtMs: this.now() });
      await writeJsonAtomic(this.pairedPath, state.paired);
    });
  }

  private async load(): Promise<DeviceState> {
    const [pending, paired] = await Promise.all([
      readRecordFile<PendingDeviceRequest>(this.pendingPath),
      readRecordFile<PairedDevice>(this.pairedPath),
    ]);
    const cutoff = this.now() - PENDING_TTL_MS;
    for (const [requestId, entry] of Object.entries(pending)) {
      if (typeof entry?.ts !== 'number' || entry.ts < cutoff) delete pending[requestId];
    }
    return { pending, paired };
  }

  private async persistBoth(state: DeviceState): Promise<void> {
    await writeJsonAtomic(this.pendingPath, state.pending);
    await writeJsonAtomic(this.pairedPath, state.paired);
  }
}

async function readRecordFile<T>(file: string): Promise<Record<string, T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new DeviceStoreError(`cannot read ${file}: ${(error as Error).message}`, { file, cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DeviceStoreError(`${file} is not valid JSON; fix or move it away (pairing is paused until then)`, { file, cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DeviceStoreError(`${file} must hold a JSON object keyed by id`, { file });
  }
  return value as Record<string, T>;
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((value) => set.has(value));
}

/** Drops keys whose value is undefined (the records are written with exactOptionalPropertyTypes in mind). */
function definedOnly<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = item;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
