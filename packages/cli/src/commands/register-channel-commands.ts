import type { Command } from 'commander';
import type { CommandContext } from '../cli-deps.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { channelsLoginCommand, channelsLogoutCommand, channelsStatusCommand, type ChannelsStatusOptions } from './channels-commands.js';
import { pairingApproveCommand, pairingListCommand } from './pairing-commands.js';

/**
 * `channels status|login|logout` and `pairing list|approve` (issue 5). `addConnectionOptions` is the program's
 * shared `--url/--token/--password/--timeout/--json` set.
 */
export function registerChannelCommands(
  program: Command,
  { context, state, addConnectionOptions }: { context: CommandContext; state: { exitCode: number }; addConnectionOptions: (command: Command) => Command },
): void {
  const channels = program.command('channels').description("chat channel accounts on the gateway (RPC 'channels.*')");
  addConnectionOptions(
    channels
      .command('status')
      .description('per account: running, connected, last inbound/outbound, last error, reconnects')
      .option('--probe', "check each running account against its platform first (e.g. Telegram's getMe)"),
  ).action(async (options: ChannelsStatusOptions) => {
    state.exitCode = await channelsStatusCommand(options, context);
  });
  for (const [name, description, run] of [
    ['login', 'start a logged-out account again', channelsLoginCommand],
    ['logout', 'stop an account and keep it stopped across restarts (credentials stay in the config)', channelsLogoutCommand],
  ] as const) {
    addConnectionOptions(
      channels.command(name).description(description).argument('<channel>', 'channel name, e.g. telegram').option('--account <id>', 'account id (default: the default account)'),
    ).action(async (channel: string, options: ConnectionOptions & { account?: string }) => {
      state.exitCode = await run({ ...options, channel }, context);
    });
  }

  const pairing = program.command('pairing').description("approve who may DM the assistant (RPC 'channels.pairing.*')");
  addConnectionOptions(
    pairing
      .command('list')
      .description('pending DM pairing requests, with their codes')
      .argument('[channel]', 'only this channel')
      .option('--account <id>', 'only this account'),
  ).action(async (channel: string | undefined, options: ConnectionOptions & { account?: string }) => {
    state.exitCode = await pairingListCommand({ ...options, ...(channel === undefined ? {} : { channel }) }, context);
  });
  addConnectionOptions(
    pairing
      .command('approve')
      .description("approve a sender's pairing code: their next message reaches the agent")
      .argument('<channel>', 'channel name, e.g. telegram')
      .argument('<code>', 'the 8-character code the sender received')
      .option('--account <id>', 'account id (default: any account with this code)')
      .option('--notify', 'tell the sender in their chat that they were approved'),
  ).action(async (channel: string, code: string, options: ConnectionOptions & { account?: string; notify?: boolean }) => {
    state.exitCode = await pairingApproveCommand({ ...options, channel, code }, context);
  });
}
