import { asArray, asRecord, asString } from './read-fields.js';

/**
 * The visible text of a chat/transcript message (`{role, content}`): a string content as is, or the
 * `text` blocks of a block array joined by newlines. Thinking, tool calls and images are not text.
 */
export function chatMessageText(message: unknown): string {
  const content = asRecord(message)?.content;
  if (typeof content === 'string') return content;
  const parts: string[] = [];
  for (const block of asArray(content)) {
    const record = asRecord(block);
    if (record?.type === 'text') {
      const text = asString(record.text);
      if (text !== undefined && text !== '') parts.push(text);
    }
  }
  return parts.join('\n');
}
