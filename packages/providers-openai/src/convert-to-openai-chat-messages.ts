import type { LanguageModelPrompt } from '@rusty-claw/plugin-sdk';
import type {
  ChatCompletionContentPart,
  ChatCompletionMessageFunctionToolCall,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';

/**
 * Our prompt as Chat Completions messages. Reasoning parts are dropped: Chat Completions has no field to replay
 * them in (the Responses API does). Tool inputs are re-serialised to the JSON string the API expects.
 */
export function convertToOpenAIChatMessages(prompt: LanguageModelPrompt): ChatCompletionMessageParam[] {
  const messages: ChatCompletionMessageParam[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        messages.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        // A text-only message is sent as a plain string: every OpenAI-compatible server accepts that form.
        if (message.content.every((part) => part.type === 'text')) {
          messages.push({ role: 'user', content: message.content.map((part) => part.text).join('') });
          break;
        }
        const content: ChatCompletionContentPart[] = message.content.map((part) =>
          part.type === 'text'
            ? { type: 'text', text: part.text }
            : { type: 'image_url', image_url: { url: `data:${part.mediaType};base64,${part.data}` } },
        );
        messages.push({ role: 'user', content });
        break;
      }
      case 'assistant': {
        let text = '';
        const toolCalls: ChatCompletionMessageFunctionToolCall[] = [];
        for (const part of message.content) {
          if (part.type === 'text') text += part.text;
          else if (part.type === 'tool-call') {
            toolCalls.push({
              id: part.toolCallId,
              type: 'function',
              function: { name: part.toolName, arguments: JSON.stringify(part.input ?? {}) },
            });
          }
        }
        messages.push({
          role: 'assistant',
          content: text === '' && toolCalls.length > 0 ? null : text,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        });
        break;
      }
      case 'tool':
        for (const part of message.content) {
          messages.push({ role: 'tool', tool_call_id: part.toolCallId, content: part.output });
        }
        break;
    }
  }
  return messages;
}
