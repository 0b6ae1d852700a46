import type { CommandContext } from '../cli-deps.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { asBoolean, asRecord, asString } from '../render/read-fields.js';
import { formatChannelsStatus } from './format-channels-status.js';
import { runRpcCommand, writeJson, writeLines } from './run-rpc-command.js';

export interface ChannelsStatusOptions extends ConnectionOptions {
  /** Check each running account against its platform first (e.g. Telegram `getMe`). */
  probe?: boolean;
}

/** `channels status [--probe]`: RPC `channels.status` (scope operator.read). */
export async function channelsStatusCommand(options: ChannelsStatusOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params = options.probe === true ? { probe: true, timeoutMs: Math.min(connection.timeoutMs, 30_000) } : {};
    const result = await callGateway(connection, { method: 'channels.status', params, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatChannelsStatus(result.payload));
    return ExitCodes.ok;
  });
}

export interface ChannelAccountCommandOptions extends ConnectionOptions {
  channel: string;
  account?: string;
}

function accountParams(options: ChannelAccountCommandOptions): { channel: string; accountId?: string } {
  return { channel: options.channel, ...(options.account === undefined ? {} : { accountId: options.account }) };
}

/** `channels login <channel> [--account]`: RPC `channels.login` (admin). Exit 1 when the account did not start. */
export async function channelsLoginCommand(options: ChannelAccountCommandOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const result = await callGateway(connection, { method: 'channels.login', params: accountParams(options), version: context.version });
    const payload = asRecord(result.payload);
    const started = asBoolean(payload?.['started']) === true;
    if (options.json === true) writeJson(context, result.payload);
    else {
      const name = `${asString(payload?.['channel']) ?? options.channel}/${asString(payload?.['accountId']) ?? options.account ?? 'default'}`;
      context.stdout.write(started ? `Logged in ${name}: running\n` : `Logged in ${name}, but it did not start: ${asString(payload?.['lastError']) ?? 'see channels status'}\n`);
    }
    return started ? ExitCodes.ok : ExitCodes.failure;
  });
}

/** `channels logout <channel> [--account]`: RPC `channels.logout` (admin); the account stays stopped until login. */
export async function channelsLogoutCommand(options: ChannelAccountCommandOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const result = await callGateway(connection, { method: 'channels.logout', params: accountParams(options), version: context.version });
    const payload = asRecord(result.payload);
    if (options.json === true) writeJson(context, result.payload);
    else {
      const channel = asString(payload?.['channel']) ?? options.channel;
      const accountId = asString(payload?.['accountId']) ?? options.account ?? 'default';
      context.stdout.write(
        `Logged out ${channel}/${accountId}: stopped, and it stays stopped across restarts until \`rusty-claw channels login ${channel}${accountId === 'default' ? '' : ` --account ${accountId}`}\`\n`,
      );
    }
    return ExitCodes.ok;
  });
}
