import { isIP } from 'node:net';
import { GatewayOptionsError } from '../errors/gateway-options-error.js';

export type GatewayBindMode = 'loopback' | 'lan' | 'custom';

export interface ResolvedBind {
  mode: GatewayBindMode;
  /** The address handed to listen(). */
  host: string;
}

/**
 * `--bind` (else config `gateway.bind`, default loopback) → the listen address: loopback =
 * 127.0.0.1, lan = 0.0.0.0, custom = `--host` or config `gateway.customBindHost` (an IP literal).
 */
export function resolveBindHost(options: { bind?: GatewayBindMode | undefined; customBindHost?: string | undefined; config: { bind: string; customBindHost?: string | undefined } }): ResolvedBind {
  const mode = options.bind ?? (options.customBindHost !== undefined ? 'custom' : (options.config.bind as GatewayBindMode));
  switch (mode) {
    case 'loopback':
      return { mode, host: '127.0.0.1' };
    case 'lan':
      return { mode, host: '0.0.0.0' };
    case 'custom': {
      const host = (options.customBindHost ?? options.config.customBindHost ?? '').trim();
      if (host === '') {
        throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', '--bind custom needs an address: pass --host <ip> or set gateway.customBindHost in the config');
      }
      if (isIP(host) === 0) {
        throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', `--host must be an IP address literal (e.g. 192.168.1.10 or ::1), got "${host}"`);
      }
      return { mode, host };
    }
    default:
      throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', `unknown bind mode "${String(mode)}" (expected loopback, lan or custom)`);
  }
}
