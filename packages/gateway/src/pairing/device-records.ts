// The on-disk shapes of `<stateDir>/devices/pending.json` and `paired.json`. They follow OpenClaw's
// `src/infra/device-pairing.ts` key for key, so an OpenClaw state directory migrates by copying.

/** What a device claims about itself, kept on both the pending request and the paired record. */
interface DeviceIdentityFields {
  deviceId: string;
  /** Raw Ed25519 public key, base64url. */
  publicKey: string;
  displayName?: string;
  platform?: string;
  deviceFamily?: string;
  clientId?: string;
  clientMode?: string;
  role?: string;
  roles?: string[];
  scopes?: string[];
  remoteIp?: string;
}

/** A device waiting for an operator's approval (`pending.json`, keyed by `requestId`). Expires after 5 minutes. */
export interface PendingDeviceRequest extends DeviceIdentityFields {
  requestId: string;
  /** Auto-approved without an operator (local connection with the shared secret). */
  silent?: boolean;
  /** The device was already paired (role, scope or metadata upgrade). */
  isRepair?: boolean;
  ts: number;
}

/** A token issued to one (device, role). Only its hash-free value is kept, like OpenClaw, in a 0600 file. */
export interface DeviceTokenEntry {
  token: string;
  role: string;
  scopes: string[];
  createdAtMs: number;
  rotatedAtMs?: number;
  revokedAtMs?: number;
  lastUsedAtMs?: number;
}

/** An approved device (`paired.json`, keyed by `deviceId`). */
export interface PairedDevice extends DeviceIdentityFields {
  approvedScopes?: string[];
  tokens?: Record<string, DeviceTokenEntry>;
  createdAtMs: number;
  approvedAtMs: number;
  lastSeenAtMs?: number;
}

/** A paired device as `device.pair.list` shows it: token values replaced by a summary. */
export interface PairedDeviceSummary extends Omit<PairedDevice, 'tokens' | 'approvedScopes'> {
  tokens?: Array<Omit<DeviceTokenEntry, 'token'>>;
}

/** Hides token values before a device record leaves the gateway. */
export function summarizePairedDevice(device: PairedDevice): PairedDeviceSummary {
  const { tokens, approvedScopes: _approvedScopes, ...rest } = device;
  const summaries = Object.values(tokens ?? {})
    .map(({ token: _token, ...entry }) => entry)
    .sort((a, b) => a.role.localeCompare(b.role));
  return summaries.length > 0 ? { ...rest, tokens: summaries } : rest;
}

/** Roles the device was approved for. */
export function approvedRoles(device: PairedDevice): string[] {
  return uniqueStrings([...(device.roles ?? []), ...(device.role ? [device.role] : [])]);
}

/** Approved roles that still hold an unrevoked token: revoking a role's token means re-pairing for it. */
export function effectiveRoles(device: PairedDevice): string[] {
  const approved = new Set(approvedRoles(device));
  return uniqueStrings(
    Object.values(device.tokens ?? {})
      .filter((entry) => entry.revokedAtMs === undefined && approved.has(entry.role))
      .map((entry) => entry.role),
  );
}

/** The scopes an operator approved for the device (the ceiling of every token it gets). */
export function approvedScopeBaseline(device: PairedDevice): string[] {
  return uniqueStrings(device.approvedScopes ?? device.scopes ?? []);
}

export function uniqueStrings(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const trimmed = value.trim();
    if (trimmed) out.add(trimmed);
  }
  return [...out];
}
