import { ProviderError, type LanguageModelPrompt } from '@rusty-claw/plugin-sdk';
import type { ContentBlockParam, MessageParam, TextBlockParam } from '@anthropic-ai/sdk/resources/messages';

const imageMediaTypes = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);
type ImageMediaType = 'image/jpeg' | 'image/png' | 'image/gif' | 'image/webp';

export interface AnthropicPromptOptions {
  provider: string;
  modelId: string;
  /** `ttl` of every `cache_control` breakpoint (`5m` is the API default). */
  cacheTtl?: '5m' | '1h' | undefined;
  /** Put a breakpoint on the last system block (our system messages are plain strings and carry no flag). */
  cacheSystemPrompt?: boolean | undefined;
}

export interface AnthropicPrompt {
  system: TextBlockParam[] | undefined;
  messages: MessageParam[];
}

/**
 * Our prompt → Messages API `system` + `messages`. The API wants alternating user/assistant turns, so consecutive
 * messages that land on the same role merge (tool results travel in a user turn, first). Reasoning goes back only
 * with its signature or redacted data: the API rejects thinking it cannot verify.
 */
export function convertToAnthropicMessages(prompt: LanguageModelPrompt, options: AnthropicPromptOptions): AnthropicPrompt {
  const cacheControl = options.cacheTtl === undefined ? { type: 'ephemeral' as const } : { type: 'ephemeral' as const, ttl: options.cacheTtl };
  const system: TextBlockParam[] = [];
  const messages: Array<{ role: 'user' | 'assistant'; content: ContentBlockParam[] }> = [];
  const push = (role: 'user' | 'assistant', blocks: ContentBlockParam[]): void => {
    if (blocks.length === 0) return;
    const last = messages.at(-1);
    if (last?.role === role) last.content.push(...blocks);
    else messages.push({ role, content: blocks });
  };
  const invalid = (message: string): ProviderError =>
    new ProviderError(`${options.provider}: ${message}`, { kind: 'invalid_request', provider: options.provider, modelId: options.modelId });

  prompt.forEach((message, index) => {
    switch (message.role) {
      case 'system':
        if (messages.length > 0) throw invalid(`system message at position ${index} comes after the conversation started; put system messages first`);
        if (message.content !== '') system.push({ type: 'text', text: message.content });
        return;
      case 'user':
        push(
          'user',
          message.content.flatMap((part): ContentBlockParam[] => {
            if (part.type === 'text') {
              if (part.text === '') return [];
              return [part.cacheBreakpoint ? { type: 'text', text: part.text, cache_control: cacheControl } : { type: 'text', text: part.text }];
            }
            if (!imageMediaTypes.has(part.mediaType)) {
              throw invalid(`image media type ${part.mediaType} is not supported (use image/jpeg, image/png, image/gif or image/webp)`);
            }
            return [{ type: 'image', source: { type: 'base64', media_type: part.mediaType as ImageMediaType, data: part.data } }];
          }),
        );
        return;
      case 'assistant':
        push(
          'assistant',
          message.content.flatMap((part): ContentBlockParam[] => {
            switch (part.type) {
              case 'text':
                if (part.text === '') return [];
                return [part.cacheBreakpoint ? { type: 'text', text: part.text, cache_control: cacheControl } : { type: 'text', text: part.text }];
              case 'reasoning':
                if (part.redactedData !== undefined) return [{ type: 'redacted_thinking', data: part.redactedData }];
                if (part.signature !== undefined) return [{ type: 'thinking', thinking: part.text, signature: part.signature }];
                // Unsigned reasoning (another provider's, or a cut stream) cannot be verified by the API: drop it.
                return [];
              case 'tool-call':
                return [{ type: 'tool_use', id: part.toolCallId, name: part.toolName, input: part.input ?? {} }];
            }
          }),
        );
        return;
      case 'tool':
        push(
          'user',
          message.content.map((part) => ({
            type: 'tool_result' as const,
            tool_use_id: part.toolCallId,
            content: part.output,
            ...(part.isError ? { is_error: true } : {}),
          })),
        );
        return;
    }
  });

  if (options.cacheSystemPrompt && system.length > 0) {
    const last = system.at(-1) as TextBlockParam;
    system[system.length - 1] = { ...last, cache_control: cacheControl };
  }
  return { system: system.length > 0 ? system : undefined, messages };
}
