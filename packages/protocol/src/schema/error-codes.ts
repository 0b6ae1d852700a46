// Wire error codes. Top-level `error.code` values are few and coarse; the precise reason of a
// handshake failure travels in `error.details.code` (ConnectErrorDetailCodes), which is what clients
// branch on (stop reconnecting, retry with a device token, show a pairing hint, …).

/**
 * Top-level `ErrorShape.code` values. The first six are v3's complete list; `FORBIDDEN` is v4's code
 * for a missing scope (`details.code: "MISSING_SCOPE"`), where v3 answers `INVALID_REQUEST
 * "missing scope: X"`.
 */
export const ErrorCodes = {
  INVALID_REQUEST: 'INVALID_REQUEST',
  UNAVAILABLE: 'UNAVAILABLE',
  NOT_PAIRED: 'NOT_PAIRED',
  NOT_LINKED: 'NOT_LINKED',
  AGENT_TIMEOUT: 'AGENT_TIMEOUT',
  APPROVAL_NOT_FOUND: 'APPROVAL_NOT_FOUND',
  FORBIDDEN: 'FORBIDDEN',
} as const;
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/**
 * `error.details.code` of a failed `connect` (OpenClaw `connect-error-details.ts`). All of v3's codes,
 * plus `PROTOCOL_MISMATCH`, which v4 servers put in the details of a "protocol mismatch" answer.
 */
export const ConnectErrorDetailCodes = {
  AUTH_REQUIRED: 'AUTH_REQUIRED',
  AUTH_UNAUTHORIZED: 'AUTH_UNAUTHORIZED',
  AUTH_TOKEN_MISSING: 'AUTH_TOKEN_MISSING',
  AUTH_TOKEN_MISMATCH: 'AUTH_TOKEN_MISMATCH',
  AUTH_TOKEN_NOT_CONFIGURED: 'AUTH_TOKEN_NOT_CONFIGURED',
  AUTH_PASSWORD_MISSING: 'AUTH_PASSWORD_MISSING',
  AUTH_PASSWORD_MISMATCH: 'AUTH_PASSWORD_MISMATCH',
  AUTH_PASSWORD_NOT_CONFIGURED: 'AUTH_PASSWORD_NOT_CONFIGURED',
  AUTH_BOOTSTRAP_TOKEN_INVALID: 'AUTH_BOOTSTRAP_TOKEN_INVALID',
  AUTH_DEVICE_TOKEN_MISMATCH: 'AUTH_DEVICE_TOKEN_MISMATCH',
  AUTH_RATE_LIMITED: 'AUTH_RATE_LIMITED',
  AUTH_TAILSCALE_IDENTITY_MISSING: 'AUTH_TAILSCALE_IDENTITY_MISSING',
  AUTH_TAILSCALE_PROXY_MISSING: 'AUTH_TAILSCALE_PROXY_MISSING',
  AUTH_TAILSCALE_WHOIS_FAILED: 'AUTH_TAILSCALE_WHOIS_FAILED',
  AUTH_TAILSCALE_IDENTITY_MISMATCH: 'AUTH_TAILSCALE_IDENTITY_MISMATCH',
  CONTROL_UI_ORIGIN_NOT_ALLOWED: 'CONTROL_UI_ORIGIN_NOT_ALLOWED',
  CONTROL_UI_DEVICE_IDENTITY_REQUIRED: 'CONTROL_UI_DEVICE_IDENTITY_REQUIRED',
  DEVICE_IDENTITY_REQUIRED: 'DEVICE_IDENTITY_REQUIRED',
  DEVICE_AUTH_INVALID: 'DEVICE_AUTH_INVALID',
  DEVICE_AUTH_DEVICE_ID_MISMATCH: 'DEVICE_AUTH_DEVICE_ID_MISMATCH',
  DEVICE_AUTH_SIGNATURE_EXPIRED: 'DEVICE_AUTH_SIGNATURE_EXPIRED',
  DEVICE_AUTH_NONCE_REQUIRED: 'DEVICE_AUTH_NONCE_REQUIRED',
  DEVICE_AUTH_NONCE_MISMATCH: 'DEVICE_AUTH_NONCE_MISMATCH',
  DEVICE_AUTH_SIGNATURE_INVALID: 'DEVICE_AUTH_SIGNATURE_INVALID',
  DEVICE_AUTH_PUBLIC_KEY_INVALID: 'DEVICE_AUTH_PUBLIC_KEY_INVALID',
  PAIRING_REQUIRED: 'PAIRING_REQUIRED',
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
} as const;
export type ConnectErrorDetailCode = (typeof ConnectErrorDetailCodes)[keyof typeof ConnectErrorDetailCodes];

/**
 * Handshake failures after which a client must stop reconnecting (OpenClaw's Node client pauses
 * on exactly these): retrying with the same credentials cannot succeed and, for rate limits, makes
 * the lockout worse.
 */
export const NON_RETRYABLE_CONNECT_DETAIL_CODES: readonly ConnectErrorDetailCode[] = [
  ConnectErrorDetailCodes.AUTH_TOKEN_MISSING,
  ConnectErrorDetailCodes.AUTH_BOOTSTRAP_TOKEN_INVALID,
  ConnectErrorDetailCodes.AUTH_PASSWORD_MISSING,
  ConnectErrorDetailCodes.AUTH_PASSWORD_MISMATCH,
  ConnectErrorDetailCodes.AUTH_RATE_LIMITED,
  ConnectErrorDetailCodes.AUTH_DEVICE_TOKEN_MISMATCH,
  ConnectErrorDetailCodes.PAIRING_REQUIRED,
  ConnectErrorDetailCodes.CONTROL_UI_DEVICE_IDENTITY_REQUIRED,
  ConnectErrorDetailCodes.DEVICE_IDENTITY_REQUIRED,
];

/** `error.details.code` of a scope failure in v4 (`FORBIDDEN`), with `missingScope` and `requiredScopes`. */
export const GatewayErrorDetailCodes = {
  MISSING_SCOPE: 'MISSING_SCOPE',
} as const;

/** `details.recommendedNextStep` values of an auth failure. */
export const ConnectRecoveryNextSteps = [
  'retry_with_device_token',
  'update_auth_configuration',
  'update_auth_credentials',
  'wait_then_retry',
  'review_auth_configuration',
] as const;
export type ConnectRecoveryNextStep = (typeof ConnectRecoveryNextSteps)[number];

/** `details.reason` values of device-signature failures (§3.3), in the server's check order. */
export const DeviceAuthFailureReasons = {
  DEVICE_ID_MISMATCH: 'device-id-mismatch',
  SIGNATURE_STALE: 'device-signature-stale',
  NONCE_MISSING: 'device-nonce-missing',
  NONCE_MISMATCH: 'device-nonce-mismatch',
  SIGNATURE_INVALID: 'device-signature',
  PUBLIC_KEY_INVALID: 'device-public-key',
} as const;

/** `details.reason` values of a `PAIRING_REQUIRED` failure. */
export const PairingReasons = ['not-paired', 'role-upgrade', 'scope-upgrade', 'metadata-upgrade'] as const;
export type PairingReason = (typeof PairingReasons)[number];
