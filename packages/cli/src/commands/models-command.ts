import { RuntimeMethodNames, type ModelsListParams } from '@rusty-claw/protocol';
import type { CommandContext } from '../cli-deps.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { formatModelList } from '../render/format-model-list.js';
import { runRpcCommand, writeJson, writeLines } from './run-rpc-command.js';

export interface ModelsListOptions extends ConnectionOptions {
  /** `--all`: the gateway's whole catalog (`view:"all"`) instead of the configured models. */
  all?: boolean;
}

/** `models list [--all]`: RPC `models.list` (operator.read): the models `--model`/`/model` accept. */
export async function modelsListCommand(options: ModelsListOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params: ModelsListParams = options.all === true ? { view: 'all' } : {};
    const result = await callGateway(connection, { method: RuntimeMethodNames.ModelsList, params, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatModelList(result.payload));
    return ExitCodes.ok;
  });
}
