import type {
  AgentMessage,
  AssistantMessage,
  ImagePart,
  LanguageModelMessage,
  LanguageModelPrompt,
  ReasoningPart,
  TextPart,
  ToolCallPart,
  ToolResultPart,
} from '@rusty-claw/plugin-sdk';

export interface ToPromptOptions {
  system?: string;
  /** Provider id of the model the prompt goes to: thinking signatures are only replayed to the provider that made them. */
  provider: string;
  /** False when the model takes no images: they are replaced by a short note. Default true. */
  images?: boolean;
}

/** A thinking block as stored: pi-ai keeps redacted thinking as `{thinking: '', thinkingSignature: <data>, redacted: true}`. */
interface StoredThinking {
  type: 'thinking';
  thinking: string;
  thinkingSignature?: string;
  redacted?: boolean;
}

export const INTERRUPTED_TOOL_RESULT = 'No result: the tool call was interrupted before it finished (aborted, timed out or the gateway restarted).';

/**
 * Maps the session's messages onto the provider-neutral prompt.
 * - Thinking from the same provider is replayed with its signature (required by extended thinking across tool
 *   turns); thinking from another provider is dropped, since its signature would be rejected.
 * - Every tool call gets a result: a call whose result never made it to the transcript (abort, crash) gets an
 *   error result, and results without their call are dropped. Providers reject both kinds of mismatch.
 * - Consecutive tool results become one `tool` message; empty assistant turns (failed calls) are skipped.
 * - The last user text is marked as a prompt-caching breakpoint, so the conversation prefix is cached.
 */
export function toLanguageModelPrompt(messages: readonly AgentMessage[], options: ToPromptOptions): LanguageModelPrompt {
  const prompt: LanguageModelPrompt = [];
  if (options.system) prompt.push({ role: 'system', content: options.system });
  let pending = new Map<string, string>();
  const closePendingCalls = (): void => {
    if (pending.size === 0) return;
    const results: ToolResultPart[] = [...pending].map(([toolCallId, toolName]) => ({ type: 'tool-result', toolCallId, toolName, output: INTERRUPTED_TOOL_RESULT, isError: true }));
    pushToolResults(prompt, results);
    pending = new Map();
  };

  for (const message of messages) {
    if (message.role === 'toolResult') {
      if (!pending.has(message.toolCallId)) continue;
      pending.delete(message.toolCallId);
      pushToolResults(prompt, [
        { type: 'tool-result', toolCallId: message.toolCallId, toolName: message.toolName, output: toolOutputText(message.content), ...(message.isError ? { isError: true } : {}) },
      ]);
      continue;
    }
    closePendingCalls();
    if (message.role === 'user') {
      const content = userParts(message.content, options.images !== false);
      if (content.length > 0) prompt.push({ role: 'user', content });
      continue;
    }
    const content = assistantParts(message, options.provider);
    if (!content.some((part) => part.type !== 'reasoning')) continue;
    prompt.push({ role: 'assistant', content });
    for (const part of content) if (part.type === 'tool-call') pending.set(part.toolCallId, part.toolName);
  }
  closePendingCalls();
  markCacheBreakpoint(prompt);
  return prompt;
}

function pushToolResults(prompt: LanguageModelPrompt, results: ToolResultPart[]): void {
  const last = prompt.at(-1);
  if (last?.role === 'tool') last.content.push(...results);
  else prompt.push({ role: 'tool', content: results });
}

function userParts(content: AgentMessage['content'], images: boolean): Array<TextPart | ImagePart> {
  if (typeof content === 'string') return content === '' ? [] : [{ type: 'text', text: content }];
  const parts: Array<TextPart | ImagePart> = [];
  for (const item of content) {
    if (item.type === 'text' && item.text !== '') parts.push({ type: 'text', text: item.text });
    else if (item.type === 'image') parts.push(images ? { type: 'image', data: item.data, mediaType: item.mimeType } : { type: 'text', text: '[image omitted: this model does not accept images]' });
  }
  return parts;
}

function assistantParts(message: AssistantMessage, provider: string): Array<TextPart | ReasoningPart | ToolCallPart> {
  const sameProvider = message.provider === undefined || message.provider === provider;
  const parts: Array<TextPart | ReasoningPart | ToolCallPart> = [];
  for (const item of message.content) {
    if (item.type === 'text') {
      if (item.text !== '') parts.push({ type: 'text', text: item.text });
    } else if (item.type === 'thinking') {
      const thinking = item as StoredThinking;
      if (!sameProvider) continue;
      if (thinking.redacted && thinking.thinkingSignature) parts.push({ type: 'reasoning', text: '', redactedData: thinking.thinkingSignature });
      else if (thinking.thinking !== '' || thinking.thinkingSignature) {
        parts.push({ type: 'reasoning', text: thinking.thinking, ...(thinking.thinkingSignature ? { signature: thinking.thinkingSignature } : {}) });
      }
    } else if (item.type === 'toolCall') {
      parts.push({ type: 'tool-call', toolCallId: item.id, toolName: item.name, input: item.arguments ?? {} });
    }
  }
  return parts;
}

/** Tool results reach the model as text; images in them are noted, not sent (the contract's results are text). */
export function toolOutputText(content: ReadonlyArray<{ type: string; text?: string }>): string {
  return content.map((item) => (item.type === 'text' ? (item.text ?? '') : `[${item.type} omitted]`)).join('\n');
}

function markCacheBreakpoint(prompt: LanguageModelPrompt): void {
  const last = prompt.at(-1) as LanguageModelMessage | undefined;
  if (last?.role !== 'user') return;
  for (let index = last.content.length - 1; index >= 0; index--) {
    const part = last.content[index];
    if (part?.type === 'text') {
      last.content[index] = { ...part, cacheBreakpoint: true };
      return;
    }
  }
}
