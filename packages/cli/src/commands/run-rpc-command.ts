import type { CommandContext } from '../cli-deps.js';
import { reportError } from '../report-error.js';
import { resolveGatewayConnection, type ConnectionOptions, type GatewayConnection } from '../connection/resolve-gateway-connection.js';

/**
 * The frame of every RPC command: resolve URL + credentials, show resolution warnings, run the
 * call, and turn any error into a message and exit code (with the URL for "not reachable").
 */
export async function runRpcCommand(
  options: ConnectionOptions,
  context: CommandContext,
  call: (connection: GatewayConnection) => Promise<number>,
): Promise<number> {
  let connection: GatewayConnection | undefined;
  try {
    connection = await resolveGatewayConnection(options, context.env);
    for (const warning of connection.warnings) context.stderr.write(`${warning}\n`);
    return await call(connection);
  } catch (error) {
    return reportError(error, {
      ...context,
      json: options.json === true,
      ...(connection !== undefined ? { url: connection.url } : {}),
    });
  }
}

export function writeJson(context: CommandContext, value: unknown): void {
  context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function writeLines(context: CommandContext, lines: readonly string[]): void {
  for (const line of lines) context.stdout.write(`${line}\n`);
}
