import type { CommandContext } from '../cli-deps.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { asRecord, asString } from '../render/read-fields.js';
import { formatPairingList } from './format-channels-status.js';
import { runRpcCommand, writeJson, writeLines } from './run-rpc-command.js';

export interface PairingListOptions extends ConnectionOptions {
  channel?: string;
  account?: string;
}

/** `pairing list [channel] [--account]`: RPC `channels.pairing.list` (scope operator.pairing). */
export async function pairingListCommand(options: PairingListOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params = { ...(options.channel === undefined ? {} : { channel: options.channel }), ...(options.account === undefined ? {} : { accountId: options.account }) };
    const result = await callGateway(connection, { method: 'channels.pairing.list', params, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatPairingList(result.payload));
    return ExitCodes.ok;
  });
}

export interface PairingApproveOptions extends ConnectionOptions {
  channel: string;
  code: string;
  account?: string;
  /** Tell the sender in their chat that they were approved. */
  notify?: boolean;
}

/**
 * `pairing approve <channel> <code> [--account] [--notify]`: RPC `channels.pairing.approve` (scope operator.pairing).
 * The sender's next message reaches the agent.
 */
export async function pairingApproveCommand(options: PairingApproveOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params = {
      channel: options.channel,
      code: options.code.trim().toUpperCase(),
      ...(options.account === undefined ? {} : { accountId: options.account }),
      ...(options.notify === true ? { notify: true } : {}),
    };
    const result = await callGateway(connection, { method: 'channels.pairing.approve', params, version: context.version });
    if (options.json === true) {
      writeJson(context, result.payload);
      return ExitCodes.ok;
    }
    const payload = asRecord(result.payload);
    const notification = asString(payload?.['notification']);
    const notice = notification === 'sent' ? ' (notified)' : notification === 'failed' || notification === 'unsupported' ? ` (could not notify: ${notification})` : '';
    context.stdout.write(`Approved ${options.channel} sender ${asString(payload?.['senderId']) ?? '?'}${notice}.\n`);
    return ExitCodes.ok;
  });
}
