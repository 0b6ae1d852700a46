import { randomUUID } from 'node:crypto';
import { createAsyncLock } from './async-lock.js';
import { DeviceFiles, type DeviceState } from './device-files.js';
import {
  approvedRoles,
  approvedScopeBaseline,
  uniqueStrings,
  type DeviceTokenEntry,
  type PairedDevice,
  type PendingDeviceRequest,
} from './device-records.js';
import {
  checkDeviceToken,
  issueToken,
  revokeDeviceToken,
  rotateDeviceToken,
  scopesForRole,
  tokenForConnect,
  type TokenChangeResult,
  type VerifyTokenResult,
} from './device-tokens.js';
import { missingScope } from './role-scopes-allow.js';

export { PENDING_TTL_MS } from './device-files.js';
export type { TokenChangeResult, VerifyTokenResult } from './device-tokens.js';

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

/**
 * Pending and paired devices (`<stateDir>/devices/{pending,paired}.json`, OpenClaw's shapes). Every operation
 * re-reads the files under an in-process lock, so a file edited by hand is picked up and two concurrent
 * connects never lose each other's update.
 */
export class DeviceStore {
  private readonly files: DeviceFiles;
  private readonly withLock = createAsyncLock();
  private readonly now: () => number;

  constructor(options: { stateDir: string; now?: () => number }) {
    this.files = new DeviceFiles(options.stateDir);
    this.now = options.now ?? Date.now;
  }

  async list(): Promise<{ pending: PendingDeviceRequest[]; paired: PairedDevice[] }> {
    const state = await this.read();
    return {
      pending: Object.values(state.pending).sort((a, b) => b.ts - a.ts),
      paired: Object.values(state.paired).sort((a, b) => b.approvedAtMs - a.approvedAtMs),
    };
  }

  async getPaired(deviceId: string): Promise<PairedDevice | undefined> {
    return (await this.read()).paired[deviceId.trim()];
  }

  async getPending(requestId: string): Promise<PendingDeviceRequest | undefined> {
    return (await this.read()).pending[requestId];
  }

  /**
   * Records (or refreshes) the pending request of a device. A device has at most one pending request: a new
   * ask merges the roles and scopes of the old one, so approving it grants everything that was asked for.
   */
  requestPairing(input: PairingRequestInput): Promise<{ request: PendingDeviceRequest; created: boolean }> {
    return this.withLock(async () => {
      const state = await this.read();
      const deviceId = input.deviceId.trim();
      const existing = Object.values(state.pending).filter((entry) => entry.deviceId === deviceId);
      const roles = uniqueStrings([...existing.flatMap((entry) => entry.roles ?? []), input.role]);
      const scopes = uniqueStrings([...existing.flatMap((entry) => entry.scopes ?? []), ...input.scopes]);
      const previous = existing.length === 1 ? existing[0] : undefined;
      const sameAsk =
        previous !== undefined && previous.publicKey === input.publicKey && sameSet(previous.roles ?? [], roles) && sameSet(previous.scopes ?? [], scopes);
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
        isRepair: state.paired[deviceId] !== undefined,
        ts: sameAsk ? previous.ts : this.now(),
      };
      state.pending[request.requestId] = request;
      await this.files.writePending(state);
      return { request, created: !sameAsk };
    });
  }

  /**
   * Approves a pending request: the device gets the asked roles and scopes (merged with what it had) and a
   * fresh token per asked role. `callerScopes` must cover the operator scopes being granted, so an
   * `operator.pairing` caller cannot mint an admin device.
   */
  approve(requestId: string, options: { callerScopes: readonly string[] }): Promise<ApproveResult | undefined> {
    return this.withLock(async () => {
      const state = await this.read();
      const pending = state.pending[requestId];
      if (!pending) return undefined;
      const requestedRoles = uniqueStrings([...(pending.roles ?? []), ...(pending.role ? [pending.role] : [])]);
      if (requestedRoles.includes('operator')) {
        const missing = missingScope('operator', scopesForRole('operator', pending.scopes ?? []), options.callerScopes);
        if (missing) return { status: 'forbidden', reason: 'caller-missing-scope', scope: missing };
      }
      const now = this.now();
      const existing = state.paired[pending.deviceId];
      // A new key means a new identity under the same id: nothing of the old approval carries over.
      const base = existing?.publicKey === pending.publicKey ? existing : undefined;
      const scopes = uniqueStrings([...(base ? approvedScopeBaseline(base) : []), ...(pending.scopes ?? [])]);
      const tokens: Record<string, DeviceTokenEntry> = { ...base?.tokens };
      for (const role of requestedRoles) {
        const asked = scopesForRole(role, pending.scopes ?? []);
        const previous = tokens[role];
        tokens[role] = issueToken(role, asked.length > 0 ? asked : scopesForRole(role, previous?.scopes ?? scopes), previous, now);
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
      await this.files.writeBoth(state);
      return { status: 'approved', requestId, device };
    });
  }

  reject(requestId: string): Promise<{ requestId: string; deviceId: string } | undefined> {
    return this.withLock(async () => {
      const state = await this.read();
      const pending = state.pending[requestId];
      if (!pending) return undefined;
      delete state.pending[requestId];
      await this.files.writePending(state);
      return { requestId, deviceId: pending.deviceId };
    });
  }

  /** Forgets a paired device and any request it has pending. */
  remove(deviceId: string): Promise<{ deviceId: string } | undefined> {
    return this.withLock(async () => {
      const state = await this.read();
      const id = deviceId.trim();
      if (!id || !state.paired[id]) return undefined;
      delete state.paired[id];
      for (const [requestId, pending] of Object.entries(state.pending)) if (pending.deviceId === id) delete state.pending[requestId];
      await this.files.writeBoth(state);
      return { deviceId: id };
    });
  }

  /** Checks a device token for (device, role) and that it covers `scopes`; records its use. */
  verifyToken(params: { deviceId: string; role: string; token: string; scopes: readonly string[] }): Promise<VerifyTokenResult> {
    return this.withLock(async () => {
      const state = await this.read();
      const device = state.paired[params.deviceId.trim()];
      const result = checkDeviceToken(device, params.role, params.token, params.scopes);
      const entry = device?.tokens?.[params.role];
      if (result.ok && entry) {
        entry.lastUsedAtMs = this.now();
        await this.files.writePaired(state);
      }
      return result;
    });
  }

  /** The token to hand out in hello-ok (reused while it covers the scopes); undefined when not approved. */
  ensureToken(params: { deviceId: string; role: string; scopes: readonly string[] }): Promise<DeviceTokenEntry | undefined> {
    return this.withLock(async () => {
      const state = await this.read();
      const device = state.paired[params.deviceId.trim()];
      const result = tokenForConnect(device, params.role, params.scopes, this.now());
      if (!device || !result) return undefined;
      if (result.changed) {
        device.tokens = { ...device.tokens, [params.role]: result.entry };
        await this.files.writePaired(state);
      }
      return result.entry;
    });
  }

  /** Replaces the token of (device, role), optionally with other scopes inside the approval. */
  rotateToken(params: { deviceId: string; role: string; scopes?: readonly string[] | undefined; callerScopes: readonly string[] }): Promise<TokenChangeResult> {
    return this.changeToken(params.deviceId, params.role, (device) => rotateDeviceToken(device, params, this.now()));
  }

  /** Marks the token of (device, role) revoked; the device must pair again for that role. */
  revokeToken(params: { deviceId: string; role: string; callerScopes: readonly string[] }): Promise<TokenChangeResult> {
    return this.changeToken(params.deviceId, params.role, (device) => revokeDeviceToken(device, params, this.now()));
  }

  /** Refreshes what the device last reported about itself (display name, client, IP, last seen). */
  touch(deviceId: string, patch: { displayName?: string | undefined; clientId?: string; clientMode?: string; remoteIp?: string | undefined }): Promise<void> {
    return this.withLock(async () => {
      const state = await this.read();
      const device = state.paired[deviceId.trim()];
      if (!device) return;
      Object.assign(device, definedOnly(patch), { lastSeenAtMs: this.now() });
      await this.files.writePaired(state);
    });
  }

  private changeToken(deviceId: string, role: string, change: (device: PairedDevice | undefined) => TokenChangeResult): Promise<TokenChangeResult> {
    return this.withLock(async () => {
      const state = await this.read();
      const device = state.paired[deviceId.trim()];
      const result = change(device);
      if (result.ok && device) {
        device.tokens = { ...device.tokens, [role]: result.entry };
        await this.files.writePaired(state);
      }
      return result;
    });
  }

  private read(): Promise<DeviceState> {
    return this.files.read(this.now());
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(b);
  return a.every((value) => set.has(value));
}

/** Drops keys whose value is undefined (the records are strict JSON objects). */
function definedOnly<T extends Record<string, unknown>>(value: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = item;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
