import { RustyClawError, hasErrorName } from '@rusty-claw/plugin-sdk';

/** Codes of `HttpRouteError`. */
export type HttpRouteErrorCode = 'HTTP_ROUTE_INVALID' | 'HTTP_ROUTE_CONFLICT' | 'HTTP_ROUTE_RESERVED';

/**
 * A route could not be mounted on the gateway port: the path is not an absolute URL path, another
 * handler already owns it, or it is one the gateway answers itself (`/healthz`, `/readyz`).
 */
export class HttpRouteError extends RustyClawError {
  declare readonly code: HttpRouteErrorCode;

  constructor(code: HttpRouteErrorCode, message: string) {
    super(message, { code });
    this.name = 'HttpRouteError';
  }

  static override isInstance(value: unknown): value is HttpRouteError {
    return hasErrorName(value, 'HttpRouteError');
  }
}
