import type { Logger, Tool, ToolResultMessage } from '@rusty-claw/plugin-sdk';
import type { AgentRunEmitter } from './agent-run-event.js';
import type { DraftToolCall } from './assistant-draft.js';
import { runToolCall } from './run-tool-call.js';
import { untilAborted } from './until-aborted.js';

export interface RunToolCallsOptions {
  tools: readonly Tool[];
  signal: AbortSignal;
  sessionKey: string;
  logger: Logger;
  emitter: AgentRunEmitter;
  now: () => number;
  maxResultChars: number;
  /** Appends one result durably; calls are serialized here, in completion order. */
  append(message: ToolResultMessage): Promise<void>;
}

/**
 * Runs the tool calls of one assistant turn in parallel (the model asked for them together). Each result is
 * appended as soon as it completes. On abort the wait ends at once; results that arrive later are not written
 * (the prompt builder gives their calls an "interrupted" result next turn). A failed append fails the run.
 */
export async function runToolCalls(calls: readonly DraftToolCall[], options: RunToolCallsOptions): Promise<void> {
  const toolMap = new Map(options.tools.map((tool) => [tool.name, tool]));
  let appending: Promise<void> = Promise.resolve();
  let appendError: unknown;
  const one = async (call: DraftToolCall): Promise<void> => {
    options.emitter.emit({ stream: 'tool', data: { phase: 'start', name: call.toolName, toolCallId: call.toolCallId, args: call.input ?? call.inputText } });
    const result = await runToolCall(call, {
      tools: toolMap,
      signal: options.signal,
      sessionKey: options.sessionKey,
      logger: options.logger,
      maxResultChars: options.maxResultChars,
    });
    if (options.signal.aborted) return;
    options.emitter.emit({
      stream: 'tool',
      data: { phase: 'result', name: call.toolName, toolCallId: call.toolCallId, isError: result.isError, result: result.output, ...(result.details === undefined ? {} : { meta: result.details }) },
    });
    const message: ToolResultMessage = {
      role: 'toolResult',
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      content: [{ type: 'text', text: result.output }],
      ...(result.details === undefined ? {} : { details: result.details }),
      isError: result.isError,
      timestamp: options.now(),
    };
    appending = appending.then(() => options.append(message));
    await appending.catch((error: unknown) => {
      appendError ??= error;
    });
  };
  const all = Promise.allSettled(calls.map(one));
  await untilAborted(all, options.signal).catch(() => undefined);
  if (options.signal.aborted) return;
  if (appendError !== undefined) throw appendError;
  for (const settled of await all) if (settled.status === 'rejected') throw settled.reason;
}
