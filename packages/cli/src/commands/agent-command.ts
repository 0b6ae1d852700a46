import type { CommandContext } from '../cli-deps.js';
import { CliUsageError } from '../cli-usage-error.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ChatStreamRenderer } from '../render/chat-stream-renderer.js';
import { runAgentRepl } from './agent-repl.js';
import { InterruptSource, reportTurn, runTurn, turnOptions } from './agent-turn.js';
import { ChatConnection } from './chat-connection.js';
import { readStdinMessage } from './read-stdin-message.js';
import { runRpcCommand } from './run-rpc-command.js';
import { setSessionModel } from './session-admin.js';

/** The thinking levels OpenClaw accepts (`--thinking`), from off to max. */
export const THINKING_LEVELS = ['off', 'minimal', 'low', 'medium', 'high', 'xhigh', 'adaptive', 'max'] as const;

export interface AgentOptions extends ConnectionOptions {
  /** `-m`: the message. Absent: the REPL on a terminal, else the whole of stdin. */
  message?: string;
  /** `--session <key>`; default the gateway's main session. */
  session?: string;
  /** `--model <provider/model>`: set as the session's model (sessions.patch) before sending. */
  model?: string;
  thinking?: string;
  /** Show tool calls and failover decisions on stderr. */
  verbose?: boolean;
}

/**
 * `rusty-claw agent`: a turn through the gateway. `chat.send` with a fresh idempotency key, the
 * reply streamed to stdout from the run's `chat` events; Ctrl-C sends `chat.abort` and exits 130.
 * Without `-m` it is an interactive REPL when stdin is a terminal, and otherwise sends all of stdin
 * as one message (`echo hi | rusty-claw agent`). `--timeout` is the run's timeout here (sent as
 * `timeoutMs`); connecting uses the default 10 s.
 */
export async function agentCommand(options: AgentOptions, context: CommandContext): Promise<number> {
  const { timeout: runTimeoutMs, ...connectionOptions } = options;
  if (options.message !== undefined && options.message.trim() === '') throw new CliUsageError('-m/--message is empty');
  if (options.session !== undefined && options.session.trim() === '') throw new CliUsageError('--session is empty');
  if (options.model !== undefined && options.model.trim() === '') throw new CliUsageError('--model is empty (expected provider/model)');
  return runRpcCommand(connectionOptions, context, async (connection) => {
    const stdin = context.stdin ?? process.stdin;
    const interactive = options.message === undefined && stdin.isTTY === true;
    if (interactive && options.json === true) throw new CliUsageError('--json needs -m or a message on stdin (the interactive mode prints text)');
    const message = options.message ?? (interactive ? undefined : await readStdinMessage(stdin));

    const chat = await ChatConnection.open(connection, { version: context.version, toolEvents: options.verbose === true });
    try {
      const sessionKey = options.session ?? chat.mainSessionKey;
      if (options.model !== undefined) {
        const resolved = await setSessionModel(connection, { key: sessionKey, model: options.model.trim(), version: context.version });
        if (options.json !== true) context.stderr.write(`Model for ${sessionKey}: ${resolved}\n`);
      }
      const turnDefaults = {
        sessionKey,
        ...(options.thinking !== undefined ? { thinking: options.thinking } : {}),
        ...(runTimeoutMs !== undefined ? { timeoutMs: runTimeoutMs } : {}),
        verbose: options.verbose === true,
      };
      if (message === undefined) return await runAgentRepl(chat, connection, { ...turnDefaults, input: stdin }, context);
      return await sendOnce(chat, { ...turnDefaults, message, json: options.json === true }, context);
    } finally {
      await chat.close();
    }
  });
}

async function sendOnce(
  chat: ChatConnection,
  turn: { sessionKey: string; message: string; thinking?: string; timeoutMs?: number; verbose: boolean; json: boolean },
  context: CommandContext,
): Promise<number> {
  const renderer = new ChatStreamRenderer({ out: context.stdout, echo: !turn.json });
  const interrupts = new InterruptSource();
  const signals = context.signals ?? process;
  const onSigint = () => interrupts.trigger();
  signals.on('SIGINT', onSigint);
  try {
    const result = await runTurn(
      chat,
      turnOptions(turn, renderer, context),
      interrupts,
      context,
    );
    return reportTurn(result, context, turn.json);
  } finally {
    signals.off('SIGINT', onSigint);
  }
}
