import type { z } from 'zod';
import type { Logger } from '../logger/logger.js';

export interface ToolContext {
  /** Aborted when the run is aborted or times out; long tools must honour it. */
  signal: AbortSignal;
  sessionKey: string;
  toolCallId: string;
  logger: Logger;
}

export interface ToolResult {
  /** What the model sees. */
  output: string;
  isError?: boolean;
  /** Structured data for clients (shown in tool events), never sent to the model. */
  details?: unknown;
}

/**
 * A tool the agent may call. `inputSchema` validates the model's arguments before `execute` runs; invalid
 * arguments and thrown errors become an error tool result, never a crashed run.
 */
export interface Tool<SCHEMA extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly description: string;
  readonly inputSchema: SCHEMA;
  execute(input: z.output<SCHEMA>, context: ToolContext): Promise<ToolResult | string>;
}

/** Identity helper that infers the input type from the schema. */
export function defineTool<SCHEMA extends z.ZodType>(tool: Tool<SCHEMA>): Tool<SCHEMA> {
  return tool;
}
