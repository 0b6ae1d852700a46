import type { CommandContext } from '../cli-deps.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { parseJsonParams } from '../parse/parse-json-params.js';
import { runRpcCommand, writeJson } from './run-rpc-command.js';

export interface GatewayCallOptions extends ConnectionOptions {
  method: string;
  /** `--params`: a JSON object, as text. */
  params?: string;
  expectFinal?: boolean;
}

/**
 * `gateway call <method>`: any RPC, least-privilege scope, payload printed as JSON (after a
 * `Gateway call: <method>` header on stderr unless `--json`, so stdout is always the JSON alone).
 */
export async function gatewayCallCommand(options: GatewayCallOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params = parseJsonParams(options.params);
    const result = await callGateway(connection, {
      method: options.method,
      params,
      version: context.version,
      ...(options.expectFinal === true ? { expectFinal: true } : {}),
    });
    if (options.json !== true) context.stderr.write(`Gateway call: ${options.method} (${Math.round(result.elapsedMs)}ms)\n`);
    writeJson(context, result.payload ?? null);
    return ExitCodes.ok;
  });
}
