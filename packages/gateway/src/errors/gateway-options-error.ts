import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

/** Codes of `GatewayOptionsError`. */
export type GatewayOptionsErrorCode =
  | 'GATEWAY_AUTH_NONE_REQUIRES_LOOPBACK'
  | 'GATEWAY_AUTH_SECRET_MISSING'
  | 'GATEWAY_POLICY_INVALID'
  | 'GATEWAY_OPTIONS_INVALID';

/**
 * `createGateway` refuses options that would make an unsafe or broken gateway: `auth.mode: none` on a
 * non-loopback address, a token/password mode without the secret, a policy limit that is not a positive integer.
 */
export class GatewayOptionsError extends RustyClawError {
  declare readonly code: GatewayOptionsErrorCode;

  constructor(code: GatewayOptionsErrorCode, message: string) {
    super(message, { code });
    this.name = 'GatewayOptionsError';
  }

  static override isInstance(value: unknown): value is GatewayOptionsError {
    return hasErrorName(value, 'GatewayOptionsError');
  }
}
