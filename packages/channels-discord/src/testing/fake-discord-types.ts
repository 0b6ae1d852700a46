/** Shapes the fake Discord server works with: a subset of Discord's API objects (v10 wire names, snake_case). */

export interface FakeDiscordUser {
  id: string;
  username: string;
  global_name?: string | null;
  bot?: boolean;
}

/** Discord channel types the fake knows: 0 text, 1 DM, 3 group DM, 5 announcement, 11 public thread, 12 private thread. */
export interface FakeDiscordChannel {
  id: string;
  type: 0 | 1 | 3 | 5 | 10 | 11 | 12 | 15;
  name?: string;
  guild_id?: string;
  /** For threads: the channel the thread lives in. */
  parent_id?: string;
  /** For DMs: the other person. */
  recipients?: FakeDiscordUser[];
}

export interface FakeDiscordGuild {
  id: string;
  name: string;
  channels: FakeDiscordChannel[];
  threads?: FakeDiscordChannel[];
  roles?: Array<{ id: string; name: string }>;
}

export interface FakeDiscordAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
  proxy_url: string;
  content_type?: string;
}

/** A message object as the fake sends it in MESSAGE_CREATE and returns from REST. */
export interface FakeDiscordMessage {
  id: string;
  channel_id: string;
  guild_id?: string;
  author: FakeDiscordUser & { discriminator: string; avatar: null };
  member?: { roles: string[]; joined_at: string; deaf: boolean; mute: boolean; flags: number };
  content: string;
  timestamp: string;
  edited_timestamp: string | null;
  tts: boolean;
  mention_everyone: boolean;
  mentions: Array<FakeDiscordUser & { discriminator: string; avatar: null }>;
  mention_roles: string[];
  attachments: FakeDiscordAttachment[];
  embeds: unknown[];
  pinned: boolean;
  type: number;
  flags: number;
  message_reference?: { message_id: string; channel_id: string; guild_id?: string; fail_if_not_exists?: boolean };
  referenced_message?: FakeDiscordMessage | null;
}

/** One uploaded file of a multipart request. */
export interface FakeDiscordUpload {
  field: string;
  filename: string;
  contentType: string;
  data: Uint8Array;
}

/** One REST request the fake answered (or failed on purpose). */
export interface FakeDiscordCall {
  method: string;
  /** Path below `/api/v10`, e.g. `/channels/123/messages`. */
  path: string;
  status: number;
  authorization: string | undefined;
  /** JSON body, or the `payload_json` part of a multipart body. */
  json?: unknown;
  files?: FakeDiscordUpload[];
}

/** A message the bot created or edited through REST, resolved to chat and thread. */
export interface FakeDiscordSent {
  kind: 'create' | 'edit';
  /** The channel the request named (a thread id when the bot posted in a thread). */
  channelId: string;
  /** The parent channel when `channelId` is a thread, else `channelId`. */
  chatId: string;
  threadId?: string;
  messageId: string;
  content: string;
  replyTo?: string;
  allowedMentions?: unknown;
  files: FakeDiscordUpload[];
}

/** A REST failure to inject. `times` answers that many matching requests with the failure (default 1). */
export interface FakeDiscordRestFault {
  status: number;
  times?: number;
  /** Only requests whose `METHOD /path` (path below /api/v10) matches. Default: every API request but /gateway/bot. */
  match?: RegExp;
  /** For 429: seconds in the `Retry-After` header and `retry_after` field. */
  retryAfterSeconds?: number;
  global?: boolean;
}

/** What a test injects as an inbound message. Ids are generated when left out. */
export interface FakeDiscordInboundInput {
  channelId: string;
  author: { id: string; username?: string; bot?: boolean };
  content?: string;
  id?: string;
  /** User ids the message mentions (Discord fills `mentions`; the content should contain `<@id>` too). */
  mentions?: string[];
  /** Makes the message a reply (type 19) to this message id. */
  replyTo?: string;
  attachments?: Array<{ filename: string; contentType: string; data: Uint8Array }>;
  memberRoles?: string[];
  type?: number;
  flags?: number;
}
