import { ToolError, type Logger, type Tool, type ToolResult } from '@rusty-claw/plugin-sdk';
import type { DraftToolCall } from './assistant-draft.js';

export interface ToolCallResult {
  output: string;
  isError: boolean;
  details?: unknown;
}

export interface RunToolCallContext {
  tools: ReadonlyMap<string, Tool>;
  signal: AbortSignal;
  sessionKey: string;
  logger: Logger;
  maxResultChars: number;
}

/**
 * Runs one tool call and never throws for the tool's sake: an unknown tool, arguments that are not a JSON object
 * or fail the tool's schema, and a tool that throws all become an error result the model can read and correct.
 * Only an abort of the run propagates (the run is over, nobody reads the result).
 */
export async function runToolCall(call: DraftToolCall, context: RunToolCallContext): Promise<ToolCallResult> {
  const tool = context.tools.get(call.toolName);
  if (!tool) {
    const available = [...context.tools.keys()].join(', ') || 'none';
    return { output: `Unknown tool "${call.toolName}". Available tools: ${available}.`, isError: true };
  }
  if (call.input === undefined) {
    return { output: `Invalid arguments for tool "${call.toolName}": expected a JSON object, got ${preview(call.inputText)}.`, isError: true };
  }
  const parsed = await tool.inputSchema.safeParseAsync(call.input);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => `- ${issue.path.length > 0 ? issue.path.join('.') : '(input)'}: ${issue.message}`).join('\n');
    return { output: `Invalid arguments for tool "${call.toolName}":\n${issues}\nFix the arguments and call the tool again.`, isError: true };
  }
  try {
    const result: ToolResult | string = await tool.execute(parsed.data, {
      signal: context.signal,
      sessionKey: context.sessionKey,
      toolCallId: call.toolCallId,
      logger: context.logger,
    });
    const normalized = typeof result === 'string' ? { output: result } : result;
    return {
      output: truncate(String(normalized.output ?? ''), context.maxResultChars),
      isError: normalized.isError === true,
      ...(normalized.details === undefined ? {} : { details: normalized.details }),
    };
  } catch (error) {
    if (context.signal.aborted) throw error;
    context.logger.warn({ tool: call.toolName, toolCallId: call.toolCallId, error: (error as Error)?.message }, 'tool failed; the model gets an error result');
    const message = ToolError.isInstance(error) ? error.message : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    return { output: `Tool "${call.toolName}" failed: ${message}`, isError: true };
  }
}

function preview(text: string): string {
  return JSON.stringify(text.length > 200 ? `${text.slice(0, 200)}…` : text);
}

/** Keeps the head and tail of an oversized result (the model sees both ends and a note with the size). */
export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const marker = `\n…[truncated ${text.length - maxChars} of ${text.length} characters]…\n`;
  const budget = Math.max(0, maxChars - marker.length);
  const head = Math.ceil(budget * 0.75);
  return text.slice(0, head) + marker + text.slice(text.length - (budget - head));
}
