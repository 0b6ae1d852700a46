import { RuntimeMethodNames, type ModelsListParams } from '@rusty-claw/protocol';
import type { CommandContext } from '../cli-deps.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { formatModelList } from '../render/format-model-list.js';
import { runRpcCommand, writeJson, writeLines } from './run-rpc-command.js';

export interface ModelsListOptions extends ConnectionOptions {
  /** `--configured`: only the models declared under `models.providers` (`view:"configured"`), not the agents' refs. */
  configured?: boolean;
}

/** `models list [--configured]`: RPC `models.list` (operator.read): the models `--model`/`/model` accept. */
export async function modelsListCommand(options: ModelsListOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params: ModelsListParams = options.configured === true ? { view: 'configured' } : {};
    const result = await callGateway(connection, { method: RuntimeMethodNames.ModelsList, params, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatModelList(result.payload));
    return ExitCodes.ok;
  });
}
