import type { Logger } from '@rusty-claw/plugin-sdk';
import type { Client, REST } from 'discord.js';
import { evaluateDiscordAccess } from './discord-access.js';
import type { DiscordAccountConfig } from './discord-config-schema.js';
import { DiscordMessageSchema, USER_MESSAGE_TYPES, type DiscordAttachmentPayload, type DiscordMessage } from './discord-message-schema.js';
import type { InboundPipeline, PreparedInbound } from './inbound-pipeline.js';
import { mapDiscordMessage, mentionsDiscordBot, mentionsOthers, type DiscordChatInfo } from './map-discord-message.js';

export interface DiscordInboundOptions {
  accountId: string;
  config: DiscordAccountConfig;
  logger: Logger;
  pipeline: InboundPipeline;
  rest: REST;
  /** The bot's user id once READY arrived. */
  botId(): string | undefined;
  /** The live discord.js client, for its channel/guild/role caches. */
  client(): Client | undefined;
  download(attachment: DiscordAttachmentPayload, signal?: AbortSignal): Promise<Uint8Array>;
}

interface ChannelInfo {
  type: number;
  name?: string | undefined;
  parentId?: string | undefined;
}

const THREAD_TYPES = new Set([10, 11, 12]);
const GROUP_DM = 3;

/**
 * Turns gateway MESSAGE_CREATE dispatches into deliveries: validates the payload (malformed → logged, skipped),
 * skips the bot's own messages and system messages, resolves the chat (a thread's parent) and thread, applies
 * Discord's access rules and hands the message to the durable-before-ack pipeline, deduplicated by channel + id.
 */
export class DiscordInbound {
  /** Channels fetched over REST when discord.js had not cached them (bounded). */
  private readonly fetched = new Map<string, ChannelInfo>();

  constructor(private readonly options: DiscordInboundOptions) {}

  handleDispatch(type: string, data: object): void {
    if (type !== 'MESSAGE_CREATE') return;
    const parsed = DiscordMessageSchema.safeParse(data);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.options.logger.warn({ path: issue?.path.join('.'), issue: issue?.message }, 'discord: malformed MESSAGE_CREATE skipped');
      return;
    }
    const message = parsed.data;
    const botId = this.options.botId();
    if (botId !== undefined && message.author.id === botId) return;
    if (!USER_MESSAGE_TYPES.has(message.type)) return;
    this.options.pipeline.submit(message.channel_id, `${message.channel_id}:${message.id}`, () => this.prepare(message));
  }

  private async prepare(message: DiscordMessage): Promise<PreparedInbound> {
    const botId = this.options.botId() ?? '';
    const chat = await this.resolveChat(message);
    const guild = message.guild_id ? this.options.client()?.guilds.cache.get(message.guild_id) : undefined;
    const access = evaluateDiscordAccess(this.options.config, {
      kind: chat.kind,
      guildId: message.guild_id,
      guildName: chat.guildName,
      channelId: chat.chatId,
      channelName: chat.chatTitle,
      senderId: message.author.id,
      senderRoles: message.member?.roles ?? [],
      senderIsBot: message.author.bot === true || message.webhook_id !== undefined,
      mentionsBot: mentionsDiscordBot(message, botId),
      mentionsOthers: mentionsOthers(message, botId),
    });
    if (!access.allowed) return { dropped: access.reason };
    const channelNames = new Map<string, string>();
    for (const [, id] of message.content.matchAll(/<#(\d+)>/g)) {
      const name = this.cachedInfo(id as string)?.name;
      if (name) channelNames.set(id as string, name);
    }
    const roleNames = new Map<string, string>();
    for (const [, id] of message.content.matchAll(/<@&(\d+)>/g)) {
      const name = guild?.roles.cache.get(id as string)?.name;
      if (name) roleNames.set(id as string, name);
    }
    return {
      message: mapDiscordMessage(message, {
        accountId: this.options.accountId,
        botId,
        chat,
        channelNames,
        roleNames,
        download: this.options.download,
      }),
    };
  }

  /** DM, group DM or guild channel; a thread's chat is its parent channel and the thread is `threadId`. */
  private async resolveChat(message: DiscordMessage): Promise<DiscordChatInfo> {
    if (!message.guild_id) {
      const info = this.cachedInfo(message.channel_id);
      return { kind: info?.type === GROUP_DM ? 'group-dm' : 'dm', chatId: message.channel_id, chatTitle: info?.name };
    }
    const guildName = this.options.client()?.guilds.cache.get(message.guild_id)?.name;
    const info = await this.channelInfo(message.channel_id);
    if (THREAD_TYPES.has(info.type) && info.parentId) {
      const parent = this.cachedInfo(info.parentId);
      return { kind: 'guild', chatId: info.parentId, threadId: message.channel_id, chatTitle: parent?.name, guildName };
    }
    return { kind: 'guild', chatId: message.channel_id, chatTitle: info.name, guildName };
  }

  private cachedInfo(id: string): ChannelInfo | undefined {
    const channel = this.options.client()?.channels.cache.get(id);
    if (channel) {
      return {
        type: channel.type,
        name: 'name' in channel && typeof channel.name === 'string' ? channel.name : undefined,
        parentId: 'parentId' in channel && typeof channel.parentId === 'string' ? channel.parentId : undefined,
      };
    }
    return this.fetched.get(id);
  }

  /** From discord.js's cache, else `GET /channels/{id}` (a failure throws, so the pipeline retries the message). */
  private async channelInfo(id: string): Promise<ChannelInfo> {
    const cached = this.cachedInfo(id);
    if (cached) return cached;
    const { Routes } = await import('discord.js');
    const channel = (await this.options.rest.get(Routes.channel(id))) as { type?: unknown; name?: unknown; parent_id?: unknown };
    const info: ChannelInfo = {
      type: typeof channel.type === 'number' ? channel.type : 0,
      name: typeof channel.name === 'string' ? channel.name : undefined,
      parentId: typeof channel.parent_id === 'string' ? channel.parent_id : undefined,
    };
    if (this.fetched.size >= 1000) this.fetched.delete(this.fetched.keys().next().value as string);
    this.fetched.set(id, info);
    return info;
  }
}
