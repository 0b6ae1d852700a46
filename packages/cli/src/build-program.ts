import { Command, Option } from 'commander';
import { resolveCommandContext, type CliDeps, type CommandContext } from './cli-deps.js';
import { EXIT_CODES_HELP } from './exit-codes.js';
import { parsePort } from './parse/parse-port.js';
import { parseTimeout } from './parse/parse-timeout.js';
import { gatewayRunCommand, type GatewayRunOptions } from './commands/gateway-run-command.js';
import { gatewayCallCommand, type GatewayCallOptions } from './commands/gateway-call-command.js';
import { healthCommand } from './commands/health-command.js';
import { statusCommand } from './commands/status-command.js';
import { configGetCommand, type ConfigGetOptions } from './commands/config-get-command.js';
import { configSetCommand, type ConfigSetOptions } from './commands/config-set-command.js';
import { configValidateCommand, type ConfigValidateOptions } from './commands/config-validate-command.js';
import { configSchemaCommand } from './commands/config-schema-command.js';
import { devicesListCommand, devicesResolveCommand, devicesRemoveCommand, devicesRevokeCommand } from './commands/devices-commands.js';
import { registerAgentCommands } from './commands/register-agent-commands.js';
import { registerChannelCommands } from './commands/register-channel-commands.js';
import type { ConnectionOptions } from './connection/resolve-gateway-connection.js';
import { DEFAULT_GATEWAY_PORT, DEFAULT_TIMEOUT_MS } from './connection/resolve-gateway-connection.js';

/** What the actions report back to `main`: commander itself knows nothing of exit codes. */
export interface ProgramState {
  exitCode: number;
}

const CREDENTIALS_HELP = `
Credentials: --token/--password, else RUSTY_CLAW_GATEWAY_TOKEN (or OPENCLAW_GATEWAY_TOKEN) /
RUSTY_CLAW_GATEWAY_PASSWORD, else the config's gateway.auth.token/password, else the token a local
gateway generated in <stateDir>/credentials/gateway-token. With a non-loopback --url only the flags
and the environment are used, so a local secret never goes to a remote host by accident.`;

/** The commander program of `rusty-claw`. Use `main()` to run it and get an exit code. */
export function buildProgram(deps: CliDeps): Command {
  return createProgram(deps).program;
}

export function createProgram(deps: CliDeps): { program: Command; state: ProgramState } {
  const context = resolveCommandContext(deps);
  const state: ProgramState = { exitCode: 0 };
  const program = configureRoot(new Command('rusty-claw'), context, deps.version)
    .description('Rusty Claw: run and operate a personal-AI-assistant gateway (OpenClaw protocol v3/v4 compatible)')
    .addHelpText('afterAll', EXIT_CODES_HELP);

  const gateway = program.command('gateway').description('run the gateway or call one of its methods');
  addGatewayRunOptions(gateway.command('run').description('start the gateway in the foreground (stop with Ctrl-C / SIGTERM)'))
    .action(async (options: GatewayRunOptions) => {
      state.exitCode = await gatewayRunCommand(options, context, deps.runGateway);
    });

  addConnectionOptions(
    gateway
      .command('call')
      .description('call any gateway RPC method and print its payload as JSON')
      .argument('<method>', 'method name, e.g. health, status, config.get, device.pair.list')
      .option('--params <json>', 'method params as a JSON object')
      .option('--expect-final', 'wait for the final response of a two-phase method (e.g. agent)'),
  ).action(async (method: string, options: Omit<GatewayCallOptions, 'method'>) => {
    state.exitCode = await gatewayCallCommand({ ...options, method }, context);
  });

  addConnectionOptions(program.command('health').description("ask the gateway for its health summary (RPC 'health')")).action(
    async (options: ConnectionOptions) => {
      state.exitCode = await healthCommand(options, context);
    },
  );
  addConnectionOptions(program.command('status').description("show the gateway's status: version, auth, sessions, channels (RPC 'status')")).action(
    async (options: ConnectionOptions) => {
      state.exitCode = await statusCommand(options, context);
    },
  );

  const config = program
    .command('config')
    .description('read, change and check the local config file (no gateway needed)')
    .addHelpText('after', '\nThe file is --config, else RUSTY_CLAW_CONFIG_PATH, else <stateDir>/rusty-claw.json\n(stateDir: RUSTY_CLAW_STATE_DIR or ~/.rusty-claw). Secrets are printed redacted.');
  config
    .command('get')
    .description('print the config, or the value at a dotted path (secrets redacted)')
    .argument('[path]', 'dotted key path, e.g. gateway.port')
    .option('--config <path>', 'config file to read')
    .option('--json', 'print JSON even for a plain string value')
    .action(async (path: string | undefined, options: Omit<ConfigGetOptions, 'path'>) => {
      state.exitCode = await configGetCommand(path === undefined ? options : { ...options, path }, context);
    });
  config
    .command('set')
    .description('set the value at a dotted path; the result is validated and nothing invalid is written')
    .argument('<path>', 'dotted key path, e.g. gateway.port')
    .argument('<value>', "JSON5 value (18790, true, \"text\", {mode:'token'}); a bare word is taken as a string")
    .option('--config <path>', 'config file to change')
    .option('--strict-json', 'parse <value> as strict JSON: no bare-word string fallback')
    .option('--dry-run', 'validate and show the change without writing the file')
    .action(async (path: string, value: string, options: Omit<ConfigSetOptions, 'path' | 'value'>) => {
      state.exitCode = await configSetCommand({ ...options, path, value }, context);
    });
  config
    .command('validate')
    .description('check the config file; exit 1 and list every issue when it is invalid')
    .option('--config <path>', 'config file to check')
    .option('--json', 'print the result as JSON')
    .action(async (options: ConfigValidateOptions) => {
      state.exitCode = await configValidateCommand(options, context);
    });
  config
    .command('schema')
    .description('print the JSON Schema of the config file')
    .action(async () => {
      state.exitCode = await configSchemaCommand(context);
    });

  const devices = program.command('devices').description("manage paired devices over the gateway (RPC 'device.pair.*', 'device.token.revoke')");
  addConnectionOptions(devices.command('list').description('list pending pairing requests and paired devices')).action(async (options: ConnectionOptions) => {
    state.exitCode = await devicesListCommand(options, context);
  });
  addConnectionOptions(devices.command('approve').description('approve a pending pairing request').argument('<requestId>', 'id shown by devices list')).action(
    async (requestId: string, options: ConnectionOptions) => {
      state.exitCode = await devicesResolveCommand({ ...options, requestId, decision: 'approve' }, context);
    },
  );
  addConnectionOptions(devices.command('reject').description('reject a pending pairing request').argument('<requestId>', 'id shown by devices list')).action(
    async (requestId: string, options: ConnectionOptions) => {
      state.exitCode = await devicesResolveCommand({ ...options, requestId, decision: 'reject' }, context);
    },
  );
  addConnectionOptions(
    devices
      .command('revoke')
      .description("revoke a paired device's token for one role (it must pair again to reconnect in that role)")
      .argument('<deviceId>', 'id shown by devices list')
      .addOption(new Option('--role <role>', 'role whose token is revoked').choices(['operator', 'node']).default('operator')),
  ).action(async (deviceId: string, options: ConnectionOptions & { role: string }) => {
    state.exitCode = await devicesRevokeCommand({ ...options, deviceId }, context);
  });
  addConnectionOptions(devices.command('remove').description('forget a paired device entirely').argument('<deviceId>', 'id shown by devices list')).action(
    async (deviceId: string, options: ConnectionOptions) => {
      state.exitCode = await devicesRemoveCommand({ ...options, deviceId }, context);
    },
  );

  registerAgentCommands(program, { context, state, addConnectionOptions });
  registerChannelCommands(program, { context, state, addConnectionOptions });

  return { program, state };
}

/**
 * `rusty-claw-gateway`: the same flags as `rusty-claw gateway run`, at the root. The thin app
 * entry point of apps/gateway.
 */
export function createGatewayProgram(deps: CliDeps): { program: Command; state: ProgramState } {
  const context = resolveCommandContext(deps);
  const state: ProgramState = { exitCode: 0 };
  const program = addGatewayRunOptions(
    configureRoot(new Command('rusty-claw-gateway'), context, deps.version).description(
      'Rusty Claw gateway: one port for the operator WebSocket (OpenClaw protocol v3/v4) and HTTP',
    ),
  )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: GatewayRunOptions) => {
      state.exitCode = await gatewayRunCommand(options, context, deps.runGateway);
    });
  return { program, state };
}

function configureRoot(program: Command, context: CommandContext, version: string): Command {
  // exitOverride + configureOutput first: subcommands copy these settings when they are created.
  return program
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => context.stdout.write(text),
      writeErr: (text) => context.stderr.write(text),
    })
    .showHelpAfterError('(run with --help for usage)');
}

function addGatewayRunOptions(command: Command): Command {
  return command
    .option('--port <port>', 'port for WebSocket + HTTP (default: config gateway.port or 18789)', parsePort)
    .addOption(
      new Option('--bind <mode>', 'loopback = 127.0.0.1, lan = 0.0.0.0, custom = --host or config gateway.customBindHost (default: loopback)').choices([
        'loopback',
        'lan',
        'custom',
      ]),
    )
    .option('--host <address>', 'address to bind with --bind custom (implies it)')
    .option('--token <token>', 'shared token clients must present (default: env, config, or a generated one)')
    .addOption(new Option('--password <password>', 'shared password clients must present instead of a token').conflicts('token'))
    .option('--config <path>', 'config file (default: RUSTY_CLAW_CONFIG_PATH or <stateDir>/rusty-claw.json)')
    .option('--state-dir <dir>', 'state directory (default: RUSTY_CLAW_STATE_DIR or ~/.rusty-claw)')
    .addHelpText(
      'after',
      '\nWith no config file it starts on 127.0.0.1:18789 with a generated token (stored once, mode 0600, in\n<stateDir>/credentials/gateway-token) and prints the Control UI URL. A non-loopback bind needs auth.\nSIGTERM/SIGINT stop accepting, drain in-flight requests and exit 0.',
    );
}

function addConnectionOptions(command: Command): Command {
  return command
    .option('--url <url>', `gateway WebSocket URL (default: ws://127.0.0.1:<config gateway.port or ${DEFAULT_GATEWAY_PORT}>)`)
    .option('--token <token>', 'gateway token')
    .addOption(new Option('--password <password>', 'gateway password').conflicts('token'))
    .option('--timeout <ms>', `connect + request timeout in ms (default: ${DEFAULT_TIMEOUT_MS})`, parseTimeout)
    .option('--json', 'print the raw JSON payload')
    .addHelpText('after', CREDENTIALS_HELP);
}
