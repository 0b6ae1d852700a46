/**
 * A message that arrived on a channel. Chat, thread and sender are kept apart on purpose: a reply goes to the
 * chat (and thread) it came from, never to the sender's DM by accident.
 */
export interface InboundMessage {
  /** Channel name, e.g. `telegram`. */
  channel: string;
  /** Account id within the channel (`default` when the config has a single account). */
  accountId: string;
  /** Platform message id: with `chat.id` it is the deduplication key for redeliveries. */
  messageId: string;
  chat: { id: string; type: 'direct' | 'group' | 'channel'; title?: string };
  /** Thread / topic id when the platform has them (Telegram forum topic, Discord thread, Slack thread_ts). */
  threadId?: string;
  sender: { id: string; username?: string; displayName?: string; isBot?: boolean };
  /** Plain text (platform markup removed). Empty when the message is media only. */
  text: string;
  /**
   * The platform space the chat belongs to, when there is one: Discord guild, Slack team. Routing bindings match on
   * them (OpenClaw's `match.guildId` / `match.teamId` / `match.roles`), and Discord's group allowlist is per guild.
   */
  guildId?: string;
  teamId?: string;
  /** Role ids of the sender in the guild (Discord), for `match.roles` bindings. */
  memberRoleIds?: string[];
  /** True when the bot was mentioned or replied to (group mention gating). */
  mentionsBot?: boolean;
  replyToMessageId?: string;
  attachments?: InboundAttachment[];
  /** Epoch ms, from the platform. */
  timestamp: number;
}

export interface InboundAttachment {
  kind: 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker';
  mimeType?: string;
  fileName?: string;
  sizeBytes?: number;
  /** Downloads the bytes through the channel's own API (with its token); never a bare URL fetch. */
  download(signal?: AbortSignal): Promise<Uint8Array>;
}
