import { RustyClawError } from '@rusty-claw/plugin-sdk';

/**
 * A RustyClawError shaped like the gateway's GatewayOptionsError. The cli package may not depend on
 * the gateway (layers), so the flag-mapping tests throw this; apps/cli runs the real gateway.
 */
export class GatewayOptionsLikeError extends RustyClawError {
  constructor(code: string, message: string) {
    super(message, { code });
    this.name = 'GatewayOptionsError';
  }
}
