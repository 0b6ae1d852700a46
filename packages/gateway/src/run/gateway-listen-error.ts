import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

export type GatewayListenErrorCode = 'GATEWAY_PORT_IN_USE' | 'GATEWAY_ADDRESS_UNAVAILABLE' | 'GATEWAY_PORT_FORBIDDEN' | 'GATEWAY_LISTEN_FAILED';

/** The port could not be opened (in use, not an address of this machine, privileged port). */
export class GatewayListenError extends RustyClawError {
  declare readonly code: GatewayListenErrorCode;
  readonly host: string;
  readonly port: number;

  constructor(host: string, port: number, cause: unknown) {
    const errno = (cause as NodeJS.ErrnoException | undefined)?.code;
    const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const [code, message]: [GatewayListenErrorCode, string] =
      errno === 'EADDRINUSE'
        ? ['GATEWAY_PORT_IN_USE', `cannot listen on ${where}: the port is in use (another gateway?); stop it or pass another --port`]
        : errno === 'EADDRNOTAVAIL'
          ? ['GATEWAY_ADDRESS_UNAVAILABLE', `cannot listen on ${where}: ${host} is not an address of this machine (check --host / gateway.customBindHost)`]
          : errno === 'EACCES'
            ? ['GATEWAY_PORT_FORBIDDEN', `cannot listen on ${where}: permission denied (ports below 1024 need privileges; use e.g. --port 18789)`]
            : ['GATEWAY_LISTEN_FAILED', `cannot listen on ${where}: ${cause instanceof Error ? cause.message : String(cause)}`];
    super(message, { code, cause });
    this.name = 'GatewayListenError';
    this.host = host;
    this.port = port;
  }

  static override isInstance(value: unknown): value is GatewayListenError {
    return hasErrorName(value, 'GatewayListenError');
  }
}
