import { createInterface } from 'node:readline';
import type { Writable } from 'node:stream';
import { GatewayClientError } from '@rusty-claw/protocol';
import type { CommandContext, InputStream } from '../cli-deps.js';
import type { GatewayConnection } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { describeError } from '../report-error.js';
import { ChatStreamRenderer } from '../render/chat-stream-renderer.js';
import { EXIT_INTERRUPTED, InterruptSource, reportTurn, runTurn, turnOptions, type TurnResult } from './agent-turn.js';
import type { ChatConnection } from './chat-connection.js';
import { resetSession, setSessionModel } from './session-admin.js';

export interface AgentReplOptions {
  sessionKey: string;
  thinking?: string;
  timeoutMs?: number;
  verbose: boolean;
  /** Lines come from here (a terminal; in tests any readable stream). */
  input: InputStream;
}

export const REPL_HELP = [
  'Type a message and press Enter. Commands:',
  '  /abort           stop the reply being streamed (Ctrl-C does the same)',
  '  /new             start a fresh session (sessions.reset; the old transcript is archived)',
  '  /model <ref>     set the session model, e.g. /model anthropic/claude-sonnet-4-5 (sessions.patch)',
  '  /help            this help',
  '  /exit            quit (also Ctrl-D; Ctrl-C at the prompt)',
  'Other /commands (e.g. /stop, /status) are sent to the gateway as messages.',
];

/**
 * The interactive mode of `rusty-claw agent`: one line, one turn, the reply streamed as it comes.
 * Lines typed while a reply streams wait their turn, except `/abort`, which acts at once (as does
 * Ctrl-C, which at an idle prompt quits). Resolves with the exit code: 0 after /exit or end of
 * input, 130 after Ctrl-C at the prompt, 1 when the connection was lost.
 */
export async function runAgentRepl(chat: ChatConnection, connection: GatewayConnection, options: AgentReplOptions, context: CommandContext): Promise<number> {
  const terminal = options.input.isTTY === true && isTty(context.stdout);
  const rl = createInterface({
    input: options.input,
    // Only a real terminal gets readline's echo and line editing; elsewhere prompts would be noise.
    ...(terminal ? { output: context.stdout as unknown as Writable } : {}),
    terminal,
    prompt: '> ',
  });
  const interrupts = new InterruptSource();
  const queue: string[] = [];
  let ended = false;
  let exitCode: number = ExitCodes.ok;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };

  rl.on('line', (line) => {
    if (line.trim() === '/abort' && interrupts.waiting) interrupts.trigger();
    else queue.push(line);
    notify();
  });
  rl.on('SIGINT', () => {
    if (interrupts.waiting) {
      interrupts.trigger();
      return;
    }
    exitCode = EXIT_INTERRUPTED;
    context.stderr.write('\n');
    rl.close();
  });
  rl.on('close', () => {
    ended = true;
    notify();
  });

  let sessionKey = options.sessionKey;
  context.stderr.write(`Chatting in ${sessionKey} via ${connection.url}. /help for commands, /exit to quit.\n`);
  try {
    for (;;) {
      const line = queue.shift();
      if (line === undefined) {
        if (ended) break;
        rl.prompt();
        await new Promise<void>((resolve) => (wake = resolve));
        continue;
      }
      const text = line.trim();
      if (text === '') continue;
      const command = /^\/(\w+)(?:\s+(.*))?$/.exec(text);
      const name = command?.[1];
      const argument = command?.[2]?.trim() ?? '';
      if (name === 'exit' || name === 'quit') break;
      if (name === 'help') {
        for (const helpLine of REPL_HELP) context.stderr.write(`${helpLine}\n`);
        continue;
      }
      if (name === 'abort') {
        context.stderr.write('No reply is streaming.\n');
        continue;
      }
      if (name === 'new') {
        await admin(context, async () => {
          const { sessionId } = await resetSession(connection, { key: sessionKey, reason: 'new', version: context.version });
          context.stderr.write(`New session in ${sessionKey}${sessionId ? ` (id ${sessionId})` : ''}.\n`);
        });
        continue;
      }
      if (name === 'model') {
        if (argument === '') {
          context.stderr.write('usage: /model <provider/model>   (list them with: rusty-claw models list)\n');
          continue;
        }
        await admin(context, async () => {
          const resolved = await setSessionModel(connection, { key: sessionKey, model: argument, version: context.version });
          context.stderr.write(`Model for ${sessionKey}: ${resolved}\n`);
        });
        continue;
      }
      sessionKey = await replTurn(chat, { ...options, sessionKey, message: text }, interrupts, context, connection.url);
    }
  } catch (error) {
    // The connection dropped (or could not send): nothing more can be sent.
    for (const line of describeError(error, connection.url)) context.stderr.write(`${line}\n`);
    exitCode = ExitCodes.failure;
  } finally {
    rl.close();
  }
  return exitCode;
}

/**
 * One REPL turn; resolves with the session key the gateway reported (its canonical form). A refusal
 * of the message (bad params, missing scope, …) is shown and the REPL goes on; a lost connection
 * rejects. An interrupted turn is reported like any other and does not end the REPL.
 */
async function replTurn(
  chat: ChatConnection,
  turn: AgentReplOptions & { message: string },
  interrupts: InterruptSource,
  context: CommandContext,
  url: string,
): Promise<string> {
  const renderer = new ChatStreamRenderer({ out: context.stdout });
  let result: TurnResult;
  try {
    result = await runTurn(
      chat,
      turnOptions(turn, renderer, context),
      interrupts,
      context,
    );
  } catch (error) {
    if (GatewayClientError.isInstance(error)) throw error;
    for (const line of describeError(error, url)) context.stderr.write(`${line}\n`);
    return turn.sessionKey;
  }
  reportTurn(result, context, false);
  return result.outcome?.sessionKey || turn.sessionKey;
}

/** Runs a session-admin call; a refusal (e.g. missing scope, unknown model) is shown, and the REPL goes on. */
async function admin(context: CommandContext, call: () => Promise<void>): Promise<void> {
  try {
    await call();
  } catch (error) {
    for (const line of describeError(error)) context.stderr.write(`${line}\n`);
  }
}

function isTty(stream: unknown): boolean {
  return (stream as { isTTY?: unknown } | null)?.isTTY === true;
}
