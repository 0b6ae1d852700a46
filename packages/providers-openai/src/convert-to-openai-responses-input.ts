import type { LanguageModelPrompt } from '@rusty-claw/plugin-sdk';
import type { ResponseInputContent, ResponseInputItem } from 'openai/resources/responses/responses';
import { decodeReasoningSignature } from './openai-reasoning.js';

/**
 * Our prompt as Responses API input items. The conversation is replayed in full on every call (`store: false`):
 * assistant text as an assistant message, tool calls as `function_call` items, tool results as
 * `function_call_output`, and reasoning as the original `reasoning` item when its signature carries the encrypted
 * content (reasoning models need it back to continue a tool-using turn). Reasoning without one is dropped.
 */
export function convertToOpenAIResponsesInput(prompt: LanguageModelPrompt): ResponseInputItem[] {
  const items: ResponseInputItem[] = [];
  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        items.push({ role: 'system', content: message.content });
        break;
      case 'user': {
        if (message.content.every((part) => part.type === 'text')) {
          items.push({ role: 'user', content: message.content.map((part) => part.text).join('') });
          break;
        }
        const content: ResponseInputContent[] = message.content.map((part) =>
          part.type === 'text'
            ? { type: 'input_text', text: part.text }
            : { type: 'input_image', image_url: `data:${part.mediaType};base64,${part.data}`, detail: 'auto' },
        );
        items.push({ role: 'user', content });
        break;
      }
      case 'assistant': {
        let text = '';
        const flushText = (): void => {
          if (text !== '') items.push({ role: 'assistant', content: text });
          text = '';
        };
        for (const part of message.content) {
          switch (part.type) {
            case 'text':
              text += part.text;
              break;
            case 'reasoning': {
              const replay = decodeReasoningSignature(part.signature);
              if (!replay) break;
              flushText();
              items.push({
                type: 'reasoning',
                id: replay.id,
                encrypted_content: replay.encrypted_content,
                summary: part.text === '' ? [] : [{ type: 'summary_text', text: part.text }],
              });
              break;
            }
            case 'tool-call':
              flushText();
              items.push({
                type: 'function_call',
                call_id: part.toolCallId,
                name: part.toolName,
                arguments: JSON.stringify(part.input ?? {}),
              });
              break;
          }
        }
        flushText();
        break;
      }
      case 'tool':
        for (const part of message.content) {
          items.push({ type: 'function_call_output', call_id: part.toolCallId, output: part.output });
        }
        break;
    }
  }
  return items;
}
