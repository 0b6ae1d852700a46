import type { LanguageModelCallOptions } from '@rusty-claw/plugin-sdk';
import type { Tool, ToolChoice } from '@anthropic-ai/sdk/resources/messages';

export interface AnthropicToolsOptions {
  cacheTtl?: '5m' | '1h' | undefined;
  /** Breakpoint on the last tool, so the (stable) tool list is cached with the system prompt. */
  cacheTools?: boolean | undefined;
  disableParallelToolUse?: boolean | undefined;
}

/**
 * Our tool definitions and choice → Anthropic `tools` / `tool_choice`. `toolChoice: 'none'` keeps the tools in the
 * request (so the prompt cache stays warm) and tells the model not to call them.
 */
export function prepareAnthropicTools(
  tools: LanguageModelCallOptions['tools'],
  toolChoice: LanguageModelCallOptions['toolChoice'],
  options: AnthropicToolsOptions = {},
): { tools?: Tool[]; tool_choice?: ToolChoice } {
  if (tools === undefined || tools.length === 0) return {};
  const mapped: Tool[] = tools.map((tool) => ({
    name: tool.name,
    description: tool.description,
    input_schema: { ...tool.inputSchema, type: 'object' } as Tool['input_schema'],
  }));
  if (options.cacheTools) {
    const last = mapped.at(-1) as Tool;
    last.cache_control = options.cacheTtl === undefined ? { type: 'ephemeral' } : { type: 'ephemeral', ttl: options.cacheTtl };
  }
  const parallel = options.disableParallelToolUse ? { disable_parallel_tool_use: true } : {};
  let choice: ToolChoice | undefined;
  if (toolChoice === undefined || toolChoice === 'auto') choice = options.disableParallelToolUse ? { type: 'auto', ...parallel } : undefined;
  else if (toolChoice === 'none') choice = { type: 'none' };
  else if (toolChoice === 'required') choice = { type: 'any', ...parallel };
  else choice = { type: 'tool', name: toolChoice.toolName, ...parallel };
  return choice === undefined ? { tools: mapped } : { tools: mapped, tool_choice: choice };
}
