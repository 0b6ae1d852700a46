import { ChannelError, type OutboundAttachment, type OutboundMessage, type OutboundTarget, type SentMessage } from '@rusty-claw/plugin-sdk';
import type { webApi } from '@slack/bolt';
import { chunkText } from '../format/chunk-text.js';
import { markdownToMrkdwn } from '../format/markdown-to-mrkdwn.js';
import { slackErrorCode, toChannelError } from '../transport/to-channel-error.js';
import { slackEmojiName } from './slack-emoji-name.js';

/** Slack refuses (msg_too_long) or truncates message texts beyond this many characters. */
export const SLACK_HARD_TEXT_LIMIT = 40_000;

type WebClient = InstanceType<typeof webApi.WebClient>;

/** Where a reply goes in Slack: the thread when there is one, else under the message it answers, else the channel. */
export function threadTsOf(target: OutboundTarget): string | undefined {
  return target.threadId ?? target.replyToMessageId;
}

/** Converts, chunks and posts a reply, then uploads its attachments into the same conversation/thread. */
export async function sendSlackMessage(client: WebClient, target: OutboundTarget, message: OutboundMessage, chunkLimit: number): Promise<SentMessage[]> {
  const threadTs = threadTsOf(target);
  const sent: SentMessage[] = [];
  for (const chunk of chunkText(markdownToMrkdwn(message.text), chunkLimit)) {
    try {
      const result = await client.chat.postMessage({ channel: target.chatId, text: chunk, mrkdwn: true, ...(threadTs === undefined ? {} : { thread_ts: threadTs }) });
      sent.push({ chatId: result.channel ?? target.chatId, messageId: result.ts ?? '' });
    } catch (error) {
      throw toChannelError(error, `chat.postMessage to ${target.chatId}${sent.length > 0 ? ` (after ${sent.length} chunk(s) were sent)` : ''}`);
    }
  }
  for (const attachment of message.attachments ?? []) sent.push(...(await uploadSlackFile(client, target, attachment)));
  return sent;
}

/**
 * Uploads one file with Slack's current flow (files.getUploadURLExternal → POST to the upload URL →
 * files.completeUploadExternal, which shares it). Slack does not return the message ts of the share, so the
 * returned `messageId` is the file id (F…).
 */
export async function uploadSlackFile(client: WebClient, target: OutboundTarget, attachment: OutboundAttachment): Promise<SentMessage[]> {
  const threadTs = threadTsOf(target);
  const filename = attachment.fileName ?? defaultFileName(attachment);
  try {
    const file = Buffer.from(attachment.data.buffer, attachment.data.byteOffset, attachment.data.byteLength);
    // The SDK types a thread upload and a channel upload as two different argument shapes.
    const upload = threadTs === undefined ? client.filesUploadV2({ channel_id: target.chatId, file, filename, title: filename }) : client.filesUploadV2({ channel_id: target.chatId, thread_ts: threadTs, file, filename, title: filename });
    const result = (await upload) as { files?: Array<{ files?: Array<{ id?: string }> }> };
    const ids = (result.files ?? []).flatMap((completion) => completion.files ?? []).flatMap((file) => (file.id === undefined ? [] : [file.id]));
    return ids.map((id) => ({ chatId: target.chatId, messageId: id }));
  } catch (error) {
    throw toChannelError(error, `uploading ${filename} to ${target.chatId}`);
  }
}

/** Replaces a draft's text (streaming). Up to Slack's hard limit; longer drafts must continue in a new message. */
export async function editSlackMessage(client: WebClient, target: OutboundTarget & { messageId: string }, text: string): Promise<void> {
  const mrkdwn = markdownToMrkdwn(text);
  if (mrkdwn.length > SLACK_HARD_TEXT_LIMIT) {
    throw new ChannelError('slack', `a Slack message holds at most ${SLACK_HARD_TEXT_LIMIT} characters (this edit has ${mrkdwn.length}); continue in a new message`, {
      code: 'SLACK_MESSAGE_TOO_LONG',
    });
  }
  try {
    await client.chat.update({ channel: target.chatId, ts: target.messageId, text: mrkdwn === '' ? ' ' : mrkdwn });
  } catch (error) {
    throw toChannelError(error, `chat.update of ${target.chatId}/${target.messageId}`);
  }
}

/** Adds a reaction; reacting twice with the same emoji is not an error. */
export async function reactToSlackMessage(client: WebClient, target: OutboundTarget & { messageId: string }, emoji: string): Promise<void> {
  const name = slackEmojiName(emoji);
  try {
    await client.reactions.add({ channel: target.chatId, timestamp: target.messageId, name });
  } catch (error) {
    if (slackErrorCode(error) === 'already_reacted') return;
    throw toChannelError(error, `reactions.add ${name}`);
  }
}

export async function removeSlackReaction(client: WebClient, target: { chatId: string; messageId: string }, emoji: string): Promise<void> {
  try {
    await client.reactions.remove({ channel: target.chatId, timestamp: target.messageId, name: slackEmojiName(emoji) });
  } catch (error) {
    if (slackErrorCode(error) === 'no_reaction') return;
    throw toChannelError(error, 'reactions.remove');
  }
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'audio/ogg': 'ogg',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/webm': 'webm',
  'video/mp4': 'mp4',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
};

function defaultFileName(attachment: OutboundAttachment): string {
  return `${attachment.kind}.${EXTENSIONS[attachment.mimeType] ?? 'bin'}`;
}
