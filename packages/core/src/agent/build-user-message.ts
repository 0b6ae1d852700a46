import type { UserMessage } from '@rusty-claw/plugin-sdk';
import { AgentError } from './agent-error.js';

/** What a caller sends: text, optionally with images (base64, no `data:` prefix). */
export type AgentUserInput = string | { text: string; images?: ReadonlyArray<{ data: string; mimeType: string }> };

export interface AgentInputLimits {
  /** Longest accepted user text. Default 1,000,000 characters (far above any context window). */
  maxMessageChars: number;
  maxImages: number;
  /** Decoded size per image. Default 10 MiB. */
  maxImageBytes: number;
}

export const DEFAULT_AGENT_INPUT_LIMITS: AgentInputLimits = { maxMessageChars: 1_000_000, maxImages: 16, maxImageBytes: 10 * 1024 * 1024 };

const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Checks the input and builds the transcript's user message; bad input throws before anything is written. */
export function buildUserMessage(input: AgentUserInput, limits: AgentInputLimits, timestamp: number): UserMessage {
  const text = typeof input === 'string' ? input : input?.text;
  const images = typeof input === 'string' ? [] : (input?.images ?? []);
  if (typeof text !== 'string') throw new AgentError('AGENT_INPUT_INVALID', 'the message must be a string or {text, images?}');
  if (text.length > limits.maxMessageChars) {
    throw new AgentError('AGENT_MESSAGE_TOO_LARGE', `the message is ${text.length} characters; the limit is ${limits.maxMessageChars}. Send a shorter message or attach the content as a file.`);
  }
  if (!Array.isArray(images)) throw new AgentError('AGENT_INPUT_INVALID', 'images must be an array of {data, mimeType}');
  if (images.length > limits.maxImages) throw new AgentError('AGENT_MESSAGE_TOO_LARGE', `the message has ${images.length} images; the limit is ${limits.maxImages}`);
  if (text.trim() === '' && images.length === 0) throw new AgentError('AGENT_INPUT_INVALID', 'the message is empty');
  const content: Extract<UserMessage['content'], unknown[]> = [];
  if (text !== '') content.push({ type: 'text', text });
  images.forEach((image, index) => {
    if (typeof image?.mimeType !== 'string' || !IMAGE_TYPES.has(image.mimeType)) {
      throw new AgentError('AGENT_INPUT_INVALID', `images[${index}].mimeType must be one of ${[...IMAGE_TYPES].join(', ')}`);
    }
    if (typeof image.data !== 'string' || image.data === '' || image.data.length % 4 !== 0 || !BASE64.test(image.data)) {
      throw new AgentError('AGENT_INPUT_INVALID', `images[${index}].data must be base64 (without a data: prefix)`);
    }
    const bytes = (image.data.length / 4) * 3 - (image.data.endsWith('==') ? 2 : image.data.endsWith('=') ? 1 : 0);
    if (bytes > limits.maxImageBytes) throw new AgentError('AGENT_MESSAGE_TOO_LARGE', `images[${index}] is ${bytes} bytes; the limit is ${limits.maxImageBytes}`);
    content.push({ type: 'image', data: image.data, mimeType: image.mimeType });
  });
  return { role: 'user', content, timestamp };
}
