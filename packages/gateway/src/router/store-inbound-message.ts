import type { InboundMessage, Logger, OutboundTarget } from '@rusty-claw/plugin-sdk';
import type { StoredInbound } from './inbound-journal.js';

/** Image types the models accept (core's limits); anything else becomes a note in the text. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const MAX_IMAGES = 4;
const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 30_000;

function describeAttachment(kind: string, fileName: string | undefined, mimeType: string | undefined): string {
  const details = [fileName, mimeType].filter(Boolean).join(', ');
  return `[${kind}${details ? `: ${details}` : ''}]`;
}

/**
 * The durable form of an inbound message. Images are downloaded now — before the message is acknowledged — because
 * the download function does not survive a restart; other attachments (voice notes, documents) are noted in the text.
 */
export async function storeInboundMessage(message: InboundMessage, logger: Logger): Promise<StoredInbound> {
  const images: StoredInbound['images'] = [];
  const notes: string[] = [];
  for (const attachment of message.attachments ?? []) {
    const mimeType = attachment.mimeType?.toLowerCase();
    const isImage = attachment.kind === 'image' && mimeType !== undefined && IMAGE_TYPES.has(mimeType);
    if (!isImage || images.length >= MAX_IMAGES || (attachment.sizeBytes ?? 0) > MAX_IMAGE_BYTES) {
      notes.push(describeAttachment(attachment.kind, attachment.fileName, attachment.mimeType));
      continue;
    }
    try {
      const bytes = await attachment.download(AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS));
      if (bytes.byteLength > MAX_IMAGE_BYTES) throw new Error(`${bytes.byteLength} bytes is over the ${MAX_IMAGE_BYTES} limit`);
      images.push({ data: Buffer.from(bytes).toString('base64'), mimeType });
    } catch (error) {
      logger.warn({ error: String(error) }, 'inbound image could not be downloaded; it is noted in the text instead');
      notes.push(`${describeAttachment('image', attachment.fileName, attachment.mimeType)} (could not be downloaded)`);
    }
  }
  const text = [message.text, ...notes].filter((part) => part.trim() !== '').join('\n');
  return {
    channel: message.channel,
    accountId: message.accountId,
    messageId: message.messageId,
    chat: { id: message.chat.id, type: message.chat.type, ...(message.chat.title === undefined ? {} : { title: message.chat.title }) },
    ...(message.threadId === undefined ? {} : { threadId: message.threadId }),
    sender: {
      id: message.sender.id,
      ...(message.sender.username === undefined ? {} : { username: message.sender.username }),
      ...(message.sender.displayName === undefined ? {} : { displayName: message.sender.displayName }),
    },
    text,
    ...(message.mentionsBot === undefined ? {} : { mentionsBot: message.mentionsBot }),
    ...(message.replyToMessageId === undefined ? {} : { replyToMessageId: message.replyToMessageId }),
    ...(message.guildId === undefined ? {} : { guildId: message.guildId }),
    ...(message.teamId === undefined ? {} : { teamId: message.teamId }),
    timestamp: message.timestamp,
    images,
  };
}

/** Where the reply goes: the chat and thread the message came from; in groups, as a reply to it. */
export function replyTarget(message: StoredInbound): OutboundTarget {
  return {
    chatId: message.chat.id,
    ...(message.threadId === undefined ? {} : { threadId: message.threadId }),
    ...(message.chat.type === 'direct' ? {} : { replyToMessageId: message.messageId }),
  };
}

/** `channel / account / chat / message`: what makes two deliveries the same platform message. */
export function inboundKey(message: { channel: string; accountId: string; chat: { id: string }; messageId: string }): string {
  return [message.channel, message.accountId, message.chat.id, message.messageId].map((part) => encodeURIComponent(part)).join('/');
}
