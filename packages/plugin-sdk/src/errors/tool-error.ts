import { RustyClawError, hasErrorName } from './rusty-claw-error.js';

/** Thrown by a tool to report a failure the model should see as an error tool result. */
export class ToolError extends RustyClawError {
  readonly toolName: string;

  constructor(toolName: string, message: string, options: { cause?: unknown; code?: string } = {}) {
    super(message, { code: options.code ?? 'TOOL_FAILED', cause: options.cause });
    this.name = 'ToolError';
    this.toolName = toolName;
  }

  static override isInstance(value: unknown): value is ToolError {
    return hasErrorName(value, 'ToolError');
  }
}
