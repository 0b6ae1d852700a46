import { ConnectErrorDetailCodes, type ClientInfo, type ConnectAuth, type ConnectRecoveryNextStep, type ProtocolVersion } from '@rusty-claw/protocol';

/** Why shared-secret or device-token auth failed (OpenClaw's `authReason` values we produce). */
export type AuthFailureReason =
  | 'token_missing'
  | 'token_mismatch'
  | 'token_missing_config'
  | 'password_missing'
  | 'password_mismatch'
  | 'password_missing_config'
  | 'rate_limited'
  | 'device_token_mismatch';

type AuthProvided = 'password' | 'token' | 'bootstrap-token' | 'device-token' | 'none';

function authProvidedKind(auth: ConnectAuth | undefined): AuthProvided {
  if (auth?.password) return 'password';
  if (auth?.token) return 'token';
  if (auth?.bootstrapToken) return 'bootstrap-token';
  if (auth?.deviceToken) return 'device-token';
  return 'none';
}

function isCliClient(client: ClientInfo): boolean {
  return client.mode === 'cli';
}

function isUiOrWebchatClient(client: ClientInfo): boolean {
  return client.id === 'openclaw-control-ui' || client.id === 'openclaw-tui' || client.id === 'webchat-ui' || client.mode === 'webchat';
}

/**
 * The human text of an auth failure, worded as OpenClaw words it for the same client. v4 tells a local
 * CLI to use this gateway's token (openclaw-v4-live.md §4.4); v3 always points at `gateway.remote.token`.
 */
export function formatAuthFailureMessage(params: {
  protocol: ProtocolVersion;
  reason: AuthFailureReason;
  client: ClientInfo;
  isLocalClient: boolean;
}): string {
  const { protocol, reason, client } = params;
  const cli = isCliClient(client);
  const ui = isUiOrWebchatClient(client);
  const localCli = cli && protocol >= 4 && params.isLocalClient;
  const tokenHint = localCli
    ? "use this gateway's gateway.auth.token or pair the device"
    : cli
      ? 'set gateway.remote.token to match gateway.auth.token'
      : ui
        ? 'open the dashboard URL and paste the token in Control UI settings'
        : 'provide gateway auth token';
  const passwordHint = localCli
    ? "use this gateway's gateway.auth.password"
    : cli
      ? 'set gateway.remote.password to match gateway.auth.password'
      : ui
        ? 'enter the password in Control UI settings'
        : 'provide gateway auth password';
  switch (reason) {
    case 'token_missing':
      return `unauthorized: gateway token missing (${tokenHint})`;
    case 'token_mismatch':
      return `unauthorized: gateway token mismatch (${tokenHint})`;
    case 'token_missing_config':
      return 'unauthorized: gateway token not configured on gateway (set gateway.auth.token)';
    case 'password_missing':
      return `unauthorized: gateway password missing (${passwordHint})`;
    case 'password_mismatch':
      return `unauthorized: gateway password mismatch (${passwordHint})`;
    case 'password_missing_config':
      return 'unauthorized: gateway password not configured on gateway (set gateway.auth.password)';
    case 'rate_limited':
      return 'unauthorized: too many failed authentication attempts (retry later)';
    case 'device_token_mismatch':
      return 'unauthorized: device token mismatch (rotate/reissue device token)';
  }
}

const DETAIL_CODE_BY_REASON: Record<AuthFailureReason, string> = {
  token_missing: ConnectErrorDetailCodes.AUTH_TOKEN_MISSING,
  token_mismatch: ConnectErrorDetailCodes.AUTH_TOKEN_MISMATCH,
  token_missing_config: ConnectErrorDetailCodes.AUTH_TOKEN_NOT_CONFIGURED,
  password_missing: ConnectErrorDetailCodes.AUTH_PASSWORD_MISSING,
  password_mismatch: ConnectErrorDetailCodes.AUTH_PASSWORD_MISMATCH,
  password_missing_config: ConnectErrorDetailCodes.AUTH_PASSWORD_NOT_CONFIGURED,
  rate_limited: ConnectErrorDetailCodes.AUTH_RATE_LIMITED,
  device_token_mismatch: ConnectErrorDetailCodes.AUTH_DEVICE_TOKEN_MISMATCH,
};

/**
 * `error.details` of an auth failure: `{code, authReason, canRetryWithDeviceToken, recommendedNextStep}`.
 * A token mismatch from a client that holds a device identity (and sent no device token) is told to retry
 * with its stored device token, as OpenClaw's client does once on trusted endpoints.
 */
export function authFailureDetails(params: {
  reason: AuthFailureReason;
  auth: ConnectAuth | undefined;
  hasDeviceIdentity: boolean;
}): { code: string; authReason: AuthFailureReason; canRetryWithDeviceToken: boolean; recommendedNextStep: ConnectRecoveryNextStep } {
  const provided = authProvidedKind(params.auth);
  const canRetryWithDeviceToken =
    params.reason === 'token_mismatch' && params.hasDeviceIdentity && provided === 'token' && !params.auth?.deviceToken;
  let recommendedNextStep: ConnectRecoveryNextStep;
  if (canRetryWithDeviceToken) recommendedNextStep = 'retry_with_device_token';
  else if (params.reason === 'rate_limited') recommendedNextStep = 'wait_then_retry';
  else if (params.reason === 'token_mismatch' || params.reason === 'password_mismatch' || params.reason === 'device_token_mismatch') {
    recommendedNextStep = 'update_auth_credentials';
  } else recommendedNextStep = 'update_auth_configuration';
  return { code: DETAIL_CODE_BY_REASON[params.reason], authReason: params.reason, canRetryWithDeviceToken, recommendedNextStep };
}
