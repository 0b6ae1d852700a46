import type { CommandContext } from '../cli-deps.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { formatStatus } from '../render/format-status.js';
import { runRpcCommand, writeJson, writeLines } from './run-rpc-command.js';

/** `status`: RPC `status` plus what the handshake reported; a readable summary, or the raw payload with `--json`. */
export async function statusCommand(options: ConnectionOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const result = await callGateway(connection, { method: 'status', params: {}, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatStatus(result.payload, { url: connection.url, hello: result.hello, elapsedMs: result.elapsedMs }));
    return ExitCodes.ok;
  });
}
