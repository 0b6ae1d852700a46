import type { CommandContext } from '../cli-deps.js';
import { ExitCodes } from '../exit-codes.js';
import type { ChatStreamRenderer } from '../render/chat-stream-renderer.js';
import { formatAgentEvent } from '../render/format-agent-event.js';
import { describeError } from '../report-error.js';
import type { ChatConnection, ChatTurnOptions, ChatTurnOutcome } from './chat-connection.js';

/** Exit code after Ctrl-C, as shells report an interrupted command (128 + SIGINT). */
export const EXIT_INTERRUPTED = 130;

/** After Ctrl-C, how long to wait for the gateway's `aborted` event before exiting anyway. */
const ABORT_WAIT_MS = 3_000;

/**
 * "Stop the current run" requests: Ctrl-C, or `/abort` in the REPL. `next()` resolves at the next
 * request after the call; requests while nobody waits are dropped (a stray Ctrl-C at the prompt
 * must not abort the next run).
 */
export class InterruptSource {
  private waiters: Array<() => void> = [];

  trigger(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  get waiting(): boolean {
    return this.waiters.length > 0;
  }

  next(): { promise: Promise<void>; cancel: () => void } {
    let wake: () => void = () => undefined;
    const promise = new Promise<void>((resolve) => {
      wake = resolve;
      this.waiters.push(resolve);
    });
    return { promise, cancel: () => (this.waiters = this.waiters.filter((waiter) => waiter !== wake)) };
  }
}

export interface TurnResult {
  /** Undefined when the user gave up waiting for the abort to be confirmed. */
  outcome: ChatTurnOutcome | undefined;
  interrupted: boolean;
}

/**
 * Runs one turn: streams it, and on an interrupt sends `chat.abort` and waits (briefly) for the
 * run to end; a second interrupt stops waiting. Rejects when the turn could not start or the
 * connection was lost.
 */
export async function runTurn(chat: ChatConnection, options: ChatTurnOptions, interrupts: InterruptSource, context: CommandContext): Promise<TurnResult> {
  const turn = chat.start(options);
  // Never leave a rejection unobserved while racing against an interrupt.
  const settled = turn.outcome.then(
    (outcome) => ({ outcome }),
    (error: unknown) => ({ error }),
  );
  const first = interrupts.next();
  const winner = await Promise.race([settled, first.promise.then(() => 'interrupt' as const)]);
  first.cancel();
  if (winner !== 'interrupt') return { outcome: unwrap(winner), interrupted: false };

  options.renderer.endLine();
  context.stderr.write('Aborting the run… (Ctrl-C again to stop waiting)\n');
  chat.abort(turn.sessionKey, turn.runId).catch((error: unknown) => {
    for (const line of describeError(error)) context.stderr.write(`${line}\n`);
  });
  const second = interrupts.next();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), ABORT_WAIT_MS)));
  const after = await Promise.race([settled, second.promise.then(() => 'late' as const), late]);
  second.cancel();
  clearTimeout(timer);
  return { outcome: after === 'late' ? undefined : unwrap(after), interrupted: true };
}

function unwrap(result: { outcome: ChatTurnOutcome } | { error: unknown }): ChatTurnOutcome {
  if ('error' in result) throw result.error;
  return result.outcome;
}

/**
 * Tells the user how a turn ended (stderr, the reply itself is already on stdout) and returns the
 * exit code: 0 for a reply or an answered `/stop`, 130 after Ctrl-C, 1 otherwise. With `json`, the
 * result object goes to stdout instead of the streamed text.
 */
export function reportTurn(result: TurnResult, context: CommandContext, json: boolean): number {
  const { outcome, interrupted } = result;
  if (json && outcome !== undefined) context.stdout.write(`${JSON.stringify(turnJson(outcome), null, 2)}\n`);
  if (outcome === undefined) {
    context.stderr.write('The gateway did not confirm the abort in time; it may still finish the run.\n');
    return EXIT_INTERRUPTED;
  }
  switch (outcome.state) {
    case 'final':
      return interrupted ? EXIT_INTERRUPTED : ExitCodes.ok;
    case 'stopped':
      context.stderr.write(outcome.runIds.length > 0 ? `Stopped ${outcome.runIds.length} run(s).\n` : 'No run was in progress.\n');
      return ExitCodes.ok;
    case 'aborted':
      context.stderr.write(`Run aborted${outcome.stopReason ? ` (${outcome.stopReason})` : ''}.\n`);
      return interrupted ? EXIT_INTERRUPTED : ExitCodes.failure;
    case 'timeout':
      context.stderr.write(`No reply within ${outcome.timeoutMs} ms (--timeout); the run was aborted.\n`);
      return ExitCodes.failure;
    case 'error':
      context.stderr.write(`Run failed${outcome.errorKind ? ` (${outcome.errorKind})` : ''}: ${outcome.errorMessage}\n`);
      return interrupted ? EXIT_INTERRUPTED : ExitCodes.failure;
  }
}

/** The `--json` result: `ok`, the run and session, how it ended, the reply text, and what the gateway added. */
export function turnJson(outcome: ChatTurnOutcome): Record<string, unknown> {
  const { state, runId, sessionKey } = outcome;
  const base = { ok: state === 'final' || state === 'stopped', runId, sessionKey, state };
  switch (outcome.state) {
    case 'final':
      return { ...base, text: outcome.text, ...pick(outcome, ['stopReason', 'usage', 'message']) };
    case 'error':
      return { ...base, text: outcome.text, error: { message: outcome.errorMessage, ...pick(outcome, ['errorKind']) } };
    case 'aborted':
      return { ...base, text: outcome.text, ...pick(outcome, ['stopReason', 'errorMessage']) };
    case 'timeout':
      return { ...base, text: outcome.text, timeoutMs: outcome.timeoutMs };
    case 'stopped':
      return { ...base, aborted: outcome.aborted, runIds: outcome.runIds };
  }
}

function pick<T extends object>(value: T, keys: ReadonlyArray<keyof T>): Partial<T> {
  const picked: Partial<T> = {};
  for (const key of keys) if (value[key] !== undefined) picked[key] = value[key];
  return picked;
}

/** `--verbose`: tool calls, failover and compaction as `· …` lines on stderr, each on a line of its own. */
export function agentEventPrinter(renderer: ChatStreamRenderer, context: CommandContext): (payload: unknown) => void {
  return (payload) => {
    const line = formatAgentEvent(payload);
    if (line === undefined) return;
    renderer.endLine();
    context.stderr.write(`${line}\n`);
  };
}

/** What one turn asks for, as the one-shot command and the REPL both describe it. */
export interface TurnSpec {
  sessionKey: string;
  message: string;
  thinking?: string | undefined;
  timeoutMs?: number | undefined;
  verbose?: boolean | undefined;
}

/** The `runTurn` options for a turn: the same for `agent -m` and each REPL line. */
export function turnOptions(turn: TurnSpec, renderer: ChatStreamRenderer, context: CommandContext): ChatTurnOptions {
  return {
    sessionKey: turn.sessionKey,
    message: turn.message,
    renderer,
    ...(turn.thinking !== undefined ? { thinking: turn.thinking } : {}),
    ...(turn.timeoutMs !== undefined ? { timeoutMs: turn.timeoutMs } : {}),
    ...(turn.verbose ? { onAgentEvent: agentEventPrinter(renderer, context) } : {}),
  };
}
