/** Inputs of the string a device signs at connect. */
export interface DeviceAuthPayloadParams {
  /** `v3` (Node clients, CLI, TUI) adds platform and deviceFamily; `v2` (the Control UI) ends after the nonce. */
  version: 'v3' | 'v2';
  deviceId: string;
  clientId: string;
  clientMode: string;
  role: string;
  /** In the order they are sent in `connect.scopes`. */
  scopes: readonly string[];
  signedAtMs: number;
  /** `auth.token`, else `auth.deviceToken`, else `auth.bootstrapToken`; absent means "". */
  token?: string | null | undefined;
  nonce: string;
  platform?: string | null | undefined;
  deviceFamily?: string | null | undefined;
}

/**
 * Device metadata as it enters the v3 signature: trimmed, then only ASCII `A`–`Z` lowercased (so
 * the result never depends on the locale or on Unicode case rules); missing or blank → "".
 */
export function normalizeDeviceMetadata(value: string | null | undefined): string {
  if (typeof value !== 'string') return '';
  return value.trim().replace(/[A-Z]/g, (letter) => String.fromCharCode(letter.charCodeAt(0) + 32));
}

/**
 * The exact UTF-8 string a device signs: the fields joined with `|`, byte for byte as OpenClaw
 * builds it — `v3|deviceId|clientId|clientMode|role|scopes,joined|signedAtMs|token|nonce|platform|deviceFamily`
 * (v2: the same with `v2` and without the last two fields).
 */
export function buildDeviceAuthPayload(params: DeviceAuthPayloadParams): string {
  const fields = [
    params.version,
    params.deviceId,
    params.clientId,
    params.clientMode,
    params.role,
    params.scopes.join(','),
    String(params.signedAtMs),
    params.token ?? '',
    params.nonce,
  ];
  if (params.version === 'v3') fields.push(normalizeDeviceMetadata(params.platform), normalizeDeviceMetadata(params.deviceFamily));
  return fields.join('|');
}
