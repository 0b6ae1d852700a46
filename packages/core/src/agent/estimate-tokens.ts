import type { AgentMessage, LanguageModelPrompt, LanguageModelToolDefinition } from '@rusty-claw/plugin-sdk';

/** The cheap estimate used before sending: about four characters per token. Provider usage corrects it after. */
export const CHARS_PER_TOKEN = 4;
/** An image costs about this many tokens whatever its byte size (Anthropic caps images near 1,600 tokens). */
export const IMAGE_TOKEN_ESTIMATE = 1_600;

export function estimateTextTokens(chars: number): number {
  return Math.ceil(chars / CHARS_PER_TOKEN);
}

export function estimatePromptTokens(prompt: LanguageModelPrompt, tools: readonly LanguageModelToolDefinition[] = []): number {
  let chars = 0;
  let images = 0;
  for (const message of prompt) {
    if (message.role === 'system') {
      chars += message.content.length;
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') chars += part.text.length + (part.type === 'reasoning' ? (part.signature?.length ?? 0) : 0);
      else if (part.type === 'image') images++;
      else if (part.type === 'tool-call') chars += part.toolName.length + JSON.stringify(part.input ?? {}).length;
      else chars += part.output.length;
    }
  }
  for (const tool of tools) chars += tool.name.length + tool.description.length + JSON.stringify(tool.inputSchema).length;
  return estimateTextTokens(chars) + images * IMAGE_TOKEN_ESTIMATE;
}

export function estimateMessageTokens(message: AgentMessage): number {
  let chars = 0;
  let images = 0;
  const content = typeof message.content === 'string' ? [{ type: 'text' as const, text: message.content }] : message.content;
  for (const item of content) {
    if (item.type === 'text') chars += item.text.length;
    else if (item.type === 'image') images++;
    else if (item.type === 'thinking') chars += item.thinking.length;
    else if (item.type === 'toolCall') chars += item.name.length + JSON.stringify(item.arguments ?? {}).length;
  }
  return estimateTextTokens(chars) + images * IMAGE_TOKEN_ESTIMATE;
}
