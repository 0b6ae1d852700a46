import type { CommandContext } from '../cli-deps.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { asRecord } from '../render/read-fields.js';
import { formatHealth } from '../render/format-health.js';
import { runRpcCommand, writeJson, writeLines } from './run-rpc-command.js';

/** `health`: RPC `health`; a readable summary, or the raw payload with `--json`. Exit 1 unless `ok: true`. */
export async function healthCommand(options: ConnectionOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const result = await callGateway(connection, { method: 'health', params: {}, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatHealth(result.payload, { url: connection.url, elapsedMs: result.elapsedMs }));
    return asRecord(result.payload)?.ok === true ? ExitCodes.ok : ExitCodes.failure;
  });
}
