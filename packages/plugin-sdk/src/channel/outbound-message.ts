/** Where a reply goes. */
export interface OutboundTarget {
  chatId: string;
  threadId?: string;
  replyToMessageId?: string;
}

/** What the gateway sends: Markdown text the channel converts to its own dialect and chunks to its limit. */
export interface OutboundMessage {
  text: string;
  attachments?: OutboundAttachment[];
}

export interface OutboundAttachment {
  kind: 'image' | 'audio' | 'voice' | 'video' | 'document';
  data: Uint8Array;
  mimeType: string;
  fileName?: string;
}

/** One platform message the channel created (a long reply may become several). */
export interface SentMessage {
  chatId: string;
  messageId: string;
}
