import type {
  FakeDiscordAttachment,
  FakeDiscordChannel,
  FakeDiscordGuild,
  FakeDiscordInboundInput,
  FakeDiscordMessage,
  FakeDiscordUser,
} from './fake-discord-types.js';

const DISCORD_EPOCH = 1_420_070_400_000n;

/**
 * The fake's world: guilds, channels, users, messages and attachment bytes. Shared by the REST routes and the
 * gateway so a message the bot sends can be replied to, a thread resolves to its parent, and an attachment URL
 * in MESSAGE_CREATE downloads from the fake CDN.
 */
export class FakeDiscordState {
  readonly bot: FakeDiscordUser;
  readonly guilds: FakeDiscordGuild[];
  readonly channels = new Map<string, FakeDiscordChannel>();
  readonly messages = new Map<string, FakeDiscordMessage>();
  readonly files = new Map<string, { contentType: string; data: Uint8Array }>();
  readonly users = new Map<string, FakeDiscordUser>();
  cdnUrl = '';
  private increment = 0n;

  constructor(bot: FakeDiscordUser, guilds: FakeDiscordGuild[]) {
    this.bot = { ...bot, bot: true };
    this.users.set(bot.id, this.bot);
    this.guilds = guilds;
    for (const guild of guilds) {
      for (const channel of [...guild.channels, ...(guild.threads ?? [])]) this.channels.set(channel.id, { ...channel, guild_id: guild.id });
    }
  }

  /** A real-looking snowflake (timestamp bits + counter), so discord.js can read a creation time from it. */
  snowflake(): string {
    this.increment += 1n;
    return (((BigInt(Date.now()) - DISCORD_EPOCH) << 22n) | (this.increment & 0xfffn)).toString();
  }

  /** Returns the channel, creating a DM channel for an unknown id (every unknown id is a DM with its author). */
  channel(id: string, dmWith?: FakeDiscordUser): FakeDiscordChannel {
    const known = this.channels.get(id);
    if (known) return known;
    const created: FakeDiscordChannel = { id, type: 1, ...(dmWith ? { recipients: [dmWith] } : {}) };
    this.channels.set(id, created);
    return created;
  }

  /** For a thread: its parent as chat and itself as thread; otherwise the channel is the chat. */
  resolveChat(channelId: string): { chatId: string; threadId?: string } {
    const channel = this.channels.get(channelId);
    if (channel && (channel.type === 10 || channel.type === 11 || channel.type === 12) && channel.parent_id) {
      return { chatId: channel.parent_id, threadId: channel.id };
    }
    return { chatId: channelId };
  }

  user(input: { id: string; username?: string; bot?: boolean }): FakeDiscordUser {
    const known = this.users.get(input.id);
    const user: FakeDiscordUser = {
      id: input.id,
      username: input.username ?? known?.username ?? `user${input.id}`,
      global_name: null,
      ...((input.bot ?? known?.bot) ? { bot: true } : {}),
    };
    this.users.set(user.id, user);
    return user;
  }

  storeFile(channelId: string, filename: string, contentType: string, data: Uint8Array): FakeDiscordAttachment {
    const id = this.snowflake();
    const path = `/attachments/${channelId}/${id}/${encodeURIComponent(filename)}`;
    this.files.set(path, { contentType, data });
    return { id, filename, size: data.byteLength, url: `${this.cdnUrl}${path}`, proxy_url: `${this.cdnUrl}${path}`, content_type: contentType };
  }

  /** Builds and stores a message object the way Discord would deliver it. */
  buildMessage(input: FakeDiscordInboundInput): FakeDiscordMessage {
    const author = this.user(input.author);
    const channel = this.channel(input.channelId, author);
    const referenced = input.replyTo ? this.messages.get(input.replyTo) : undefined;
    const message: FakeDiscordMessage = {
      id: input.id ?? this.snowflake(),
      channel_id: input.channelId,
      ...(channel.guild_id ? { guild_id: channel.guild_id } : {}),
      author: { ...author, discriminator: '0', avatar: null },
      ...(channel.guild_id
        ? { member: { roles: input.memberRoles ?? [], joined_at: new Date(0).toISOString(), deaf: false, mute: false, flags: 0 } }
        : {}),
      content: input.content ?? '',
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: (input.mentions ?? []).map((id) => ({ ...this.user({ id }), discriminator: '0', avatar: null })),
      mention_roles: [],
      attachments: (input.attachments ?? []).map((file) => this.storeFile(input.channelId, file.filename, file.contentType, file.data)),
      embeds: [],
      pinned: false,
      type: input.type ?? (input.replyTo ? 19 : 0),
      flags: input.flags ?? 0,
      ...(input.replyTo
        ? {
            message_reference: { message_id: input.replyTo, channel_id: input.channelId, ...(channel.guild_id ? { guild_id: channel.guild_id } : {}) },
            referenced_message: referenced ?? null,
          }
        : {}),
    };
    this.messages.set(message.id, message);
    return message;
  }
}
