import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CommandContext } from '../cli-deps.js';
import { agentCommand, THINKING_LEVELS, type AgentOptions } from './agent-command.js';
import { EXIT_INTERRUPTED } from './agent-turn.js';
import { REPL_HELP } from './agent-repl.js';
import { modelsListCommand, type ModelsListOptions } from './models-command.js';
import {
  sessionsDeleteCommand,
  sessionsListCommand,
  sessionsResetCommand,
  sessionsShowCommand,
  type SessionsDeleteOptions,
  type SessionsListOptions,
  type SessionsShowOptions,
} from './sessions-commands.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';

/** What the program builder lends the registration (its helpers live there; importing them back would be a cycle). */
export interface AgentCommandsHost {
  context: CommandContext;
  /** Where actions put their exit code (the builder's ProgramState). */
  state: { exitCode: number };
  /** Adds --url/--token/--password/--timeout/--json and the credentials help. */
  addConnectionOptions: (command: Command) => Command;
}

const AGENT_HELP = `
Without -m: an interactive session when stdin is a terminal, otherwise the whole of stdin is the
message (echo "hi" | rusty-claw agent). The reply streams to stdout as it is generated; --verbose
adds tool calls and model failover on stderr. Ctrl-C aborts the run (chat.abort) and exits ${EXIT_INTERRUPTED}.
--model sets the session's model (sessions.patch, as /model does; it stays set), which needs the
operator.admin scope.

Interactive mode:
${REPL_HELP.map((line) => `  ${line}`).join('\n')}

Examples:
  rusty-claw agent -m "What is on my calendar today?"
  rusty-claw agent --session agent:main:work --model openai/gpt-5.1 --thinking high -m "Plan the week"
  git diff | rusty-claw agent --json`;

/** `agent`, `sessions list|show|reset|delete` and `models list` (issue 4's operator commands). */
export function registerAgentCommands(program: Command, host: AgentCommandsHost): void {
  const { context, state, addConnectionOptions } = host;

  const agent = addConnectionOptions(
    program
      .command('agent')
      .description("talk to the assistant through the gateway: one message (-m), piped stdin, or interactively (RPC 'chat.send')")
      .option('-m, --message <text>', 'the message to send')
      .option('--session <key>', "session key (default: the gateway's main session, agent:main:main)")
      .option('--model <provider/model>', "set the session's model before sending (sessions.patch; persists)")
      .addOption(new Option('--thinking <level>', 'thinking level for this message').choices(THINKING_LEVELS))
      .option('--verbose', 'show tool calls, model failover and compaction on stderr'),
  ).addHelpText('after', AGENT_HELP);
  describeOption(agent, '--timeout', 'run timeout in ms, sent to the gateway as timeoutMs; the CLI aborts the run if no reply ends by then (default: the gateway\'s; connecting always allows 10000 ms)');
  describeOption(agent, '--json', 'print only the result as JSON ({ok, runId, sessionKey, state, text, …}) once the run ends');
  agent.action(async (options: AgentOptions) => {
    state.exitCode = await agentCommand(options, context);
  });

  const sessions = program.command('sessions').description("list, read, reset and delete conversation sessions (RPC 'sessions.*', 'chat.history')");
  addConnectionOptions(
    sessions.command('list').description('list sessions, most recently active first').option('--limit <n>', 'show at most n sessions (default: the gateway\'s, 100)', (value: string) => parseLimit(value)),
  ).action(async (options: SessionsListOptions) => {
    state.exitCode = await sessionsListCommand(options, context);
  });
  addConnectionOptions(
    sessions
      .command('show')
      .description("print a session's transcript (RPC 'chat.history')")
      .argument('<key>', 'session key, e.g. agent:main:main')
      .option('--limit <n>', 'only the last n messages, 1-1000 (default: the gateway\'s, 200)', (value: string) => parseLimit(value, 1000)),
  ).action(async (key: string, options: Omit<SessionsShowOptions, 'key'>) => {
    state.exitCode = await sessionsShowCommand({ ...options, key }, context);
  });
  addConnectionOptions(
    sessions.command('reset').description('start the session over with an empty transcript; the old one is archived (needs operator.admin)').argument('<key>', 'session key'),
  ).action(async (key: string, options: ConnectionOptions) => {
    state.exitCode = await sessionsResetCommand({ ...options, key }, context);
  });
  addConnectionOptions(
    sessions
      .command('delete')
      .description('delete a session; its transcript is archived (needs operator.admin); asks first unless --yes')
      .argument('<key>', 'session key')
      .option('--yes', 'do not ask for confirmation (required when stdin is not a terminal)'),
  ).action(async (key: string, options: Omit<SessionsDeleteOptions, 'key'>) => {
    state.exitCode = await sessionsDeleteCommand({ ...options, key }, context);
  });

  const models = program.command('models').description("the models the gateway can use (RPC 'models.list')");
  addConnectionOptions(
    models
      .command('list')
      .description("list the gateway's models (models.providers and the agents' model refs): provider/model for --model, context windows")
      .option('--configured', 'only the models declared under models.providers in the config'),
  ).action(async (options: ModelsListOptions) => {
    state.exitCode = await modelsListCommand(options, context);
  });
}

/** `--limit`: a positive integer, at most `max`. */
function parseLimit(value: string, max: number = Number.MAX_SAFE_INTEGER): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count) || count < 1 || count > max) {
    throw new InvalidArgumentError(`expected an integer from 1${max < Number.MAX_SAFE_INTEGER ? ` to ${max}` : ''}, got "${value}"`);
  }
  return count;
}

/** Rewords a shared option's help where this command gives it another meaning (help must be true). */
function describeOption(command: Command, long: string, description: string): void {
  const option = command.options.find((candidate) => candidate.long === long);
  if (option !== undefined) option.description = description;
}
