import { ProtocolError, type ThinkingLevel, type UserMessage } from '@rusty-claw/plugin-sdk';
import { ErrorCodes } from '@rusty-claw/protocol';

export interface RunImage {
  data: string;
  mimeType: string;
}

/** The runtime's image rules (core's `DEFAULT_AGENT_INPUT_LIMITS`), checked before a message is acknowledged. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const MAX_IMAGES = 16;
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;

/**
 * Refuses, before anything is stored or acknowledged, what the agent runtime would refuse: an empty message, text
 * over `maxMessageChars`, too many or malformed images. Each refusal is an INVALID_REQUEST that says what to change.
 */
export function checkRunInput(text: string, images: readonly RunImage[], maxMessageChars: number): void {
  if (text.length > maxMessageChars) {
    throw new ProtocolError(
      ErrorCodes.INVALID_REQUEST,
      `message too large: ${text.length} characters, the limit is ${maxMessageChars}. Send a shorter message or split it.`,
      { details: { code: 'MESSAGE_TOO_LARGE', length: text.length, limit: maxMessageChars } },
    );
  }
  if (text.trim() === '' && images.length === 0) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'message or attachment required');
  if (images.length > MAX_IMAGES) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `too many images: ${images.length}, the limit is ${MAX_IMAGES}`);
  images.forEach((image, index) => {
    if (!IMAGE_TYPES.has(image.mimeType)) {
      throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `attachments[${index}]: image type ${image.mimeType} is not supported (use ${[...IMAGE_TYPES].join(', ')})`);
    }
    if (image.data.length % 4 !== 0 || !BASE64.test(image.data)) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `attachments[${index}]: content is not valid base64`);
    const bytes = (image.data.length / 4) * 3 - (image.data.endsWith('==') ? 2 : image.data.endsWith('=') ? 1 : 0);
    if (bytes > MAX_IMAGE_BYTES) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `attachments[${index}]: ${bytes} bytes, the limit is ${MAX_IMAGE_BYTES}`);
  });
}

/** The transcript user message for text + images (the shape the agent loop writes). */
export function buildRunUserMessage(text: string, images: readonly RunImage[], timestamp: number): UserMessage {
  const content: Extract<UserMessage['content'], unknown[]> = [];
  if (text !== '') content.push({ type: 'text', text });
  for (const image of images) content.push({ type: 'image', data: image.data, mimeType: image.mimeType });
  return { role: 'user', content, timestamp };
}

/** The text of a user message (for matching a recovered message against its transcript). */
export function userMessageText(message: UserMessage): string {
  if (typeof message.content === 'string') return message.content;
  return message.content.map((block) => (block.type === 'text' ? block.text : `[${block.mimeType}]`)).join('\n');
}

const THINKING_LEVELS = new Set<string>(['off', 'minimal', 'low', 'medium', 'high', 'xhigh']);
/** OpenClaw levels the providers do not have: `adaptive` lets the model decide (medium budget), `max` is the top. */
const THINKING_ALIASES: Record<string, ThinkingLevel> = { adaptive: 'medium', max: 'xhigh', none: 'off' };

/** A thinking level from a request, a session or the config; undefined when unset. A bad request value is refused. */
export function normalizeThinkingLevel(value: unknown, source: 'request' | 'stored'): ThinkingLevel | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const level = value.trim().toLowerCase();
  if (THINKING_LEVELS.has(level)) return level as ThinkingLevel;
  if (THINKING_ALIASES[level] !== undefined) return THINKING_ALIASES[level];
  if (source === 'stored') return undefined;
  throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `invalid thinking level "${value}": use one of off, minimal, low, medium, high, xhigh (or adaptive, max)`);
}
