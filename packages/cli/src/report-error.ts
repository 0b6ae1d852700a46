import { ConfigError, ProtocolError, RustyClawError } from '@rusty-claw/plugin-sdk';
import { CliUsageError } from './cli-usage-error.js';
import type { OutputStream } from './cli-deps.js';
import { ExitCodes, type ExitCode } from './exit-codes.js';
import { formatConfigError } from './render/format-config-issues.js';
import { asRecord, asString } from './render/read-fields.js';

export interface ReportErrorOptions {
  stdout: OutputStream;
  stderr: OutputStream;
  /** With `--json`, a machine-readable `{ok:false, error}` also goes to stdout. */
  json?: boolean;
  /** The gateway URL the command talked to, for "not reachable" messages. */
  url?: string;
}

/**
 * The one place typed errors become human messages and exit codes (ARCHITECTURE.md "Errors"):
 * usage errors → 2, everything else → 1.
 */
export function reportError(error: unknown, options: ReportErrorOptions): ExitCode {
  const lines = describeError(error, options.url);
  for (const line of lines) options.stderr.write(`${line}\n`);
  if (options.json) options.stdout.write(`${JSON.stringify({ ok: false, error: errorToJson(error) }, null, 2)}\n`);
  return CliUsageError.isInstance(error) ? ExitCodes.usage : ExitCodes.failure;
}

export function describeError(error: unknown, url?: string): string[] {
  if (CliUsageError.isInstance(error)) return [`error: ${error.message}`, '(run with --help for usage)'];
  if (ConfigError.isInstance(error)) return formatConfigError(error);
  if (ProtocolError.isInstance(error)) return describeProtocolError(error);
  if (RustyClawError.isInstance(error) && error.name === 'GatewayClientError') {
    return describeTransportError(error, url);
  }
  if (RustyClawError.isInstance(error)) return [`error [${error.code}]: ${error.message}`];
  if (error instanceof Error) return [`error: ${error.message}`];
  return [`error: ${String(error)}`];
}

function describeProtocolError(error: ProtocolError): string[] {
  const details = asRecord(error.details);
  const detailCode = asString(details?.code);
  const lines = [`Gateway error ${error.code}${detailCode ? ` (${detailCode})` : ''}: ${error.message}`];
  const hint = hintFor(detailCode, details);
  if (hint) lines.push(hint);
  if (error.retryable) lines.push(`The gateway says this is temporary; retry${error.retryAfterMs ? ` in ${error.retryAfterMs} ms` : ''}.`);
  return lines;
}

function hintFor(detailCode: string | undefined, details: Record<string, unknown> | undefined): string | undefined {
  if (detailCode === undefined) return undefined;
  if (detailCode.startsWith('AUTH_') && detailCode !== 'AUTH_RATE_LIMITED') {
    return 'Pass --token/--password, or set RUSTY_CLAW_GATEWAY_TOKEN; a local gateway stores its generated token in <stateDir>/credentials/gateway-token.';
  }
  switch (detailCode) {
    case 'AUTH_RATE_LIMITED':
      return 'Too many failed attempts from this address; wait and retry with the right credentials.';
    case 'PAIRING_REQUIRED':
      return `This device must be approved first: rusty-claw devices approve ${asString(details?.requestId) ?? '<requestId>'}`;
    case 'MISSING_SCOPE':
      return `The connection lacks the scope ${asString(details?.missingScope) ?? 'needed for this method'}.`;
    case 'PROTOCOL_MISMATCH':
      return 'The gateway speaks a protocol version this CLI does not (it speaks v3 and v4).';
    default:
      return undefined;
  }
}

function describeTransportError(error: RustyClawError, url: string | undefined): string[] {
  const where = url ? ` at ${url}` : '';
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  switch (error.code) {
    case 'CONNECT_FAILED':
      return [`Gateway not reachable${where} (${error.message}${cause}).`, 'Is it running? Start one with: rusty-claw gateway run'];
    case 'TIMEOUT':
      return [`Gateway${where} did not answer in time: ${error.message}`, 'Raise --timeout <ms> if the method is slow.'];
    case 'CLOSED':
      return [`Gateway${where} closed the connection: ${error.message}${cause}`];
    case 'INVALID_OPTIONS':
      return [
        `error: ${error.message}`,
        ...(error.message.includes('plaintext') ? ['Use wss://, or set RUSTY_CLAW_ALLOW_INSECURE_WS=1 to send the secret unencrypted anyway.'] : []),
      ];
    default:
      return [`error [${error.code}]: ${error.message}${cause}`];
  }
}

function errorToJson(error: unknown): Record<string, unknown> {
  if (ProtocolError.isInstance(error)) {
    return { type: 'gateway_request_error', code: error.code, message: error.message, details: error.details, retryable: error.retryable };
  }
  if (ConfigError.isInstance(error)) return { type: 'config_error', code: error.code, message: error.message, file: error.file, issues: error.issues };
  if (RustyClawError.isInstance(error)) return { type: error.name, code: error.code, message: error.message };
  return { type: 'error', message: error instanceof Error ? error.message : String(error) };
}
