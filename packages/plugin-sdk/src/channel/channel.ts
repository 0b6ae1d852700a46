import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '../logger/logger.js';
import type { InboundMessage } from './inbound-message.js';
import type { OutboundMessage, OutboundTarget, SentMessage } from './outbound-message.js';

export interface ChannelCapabilities {
  edit: boolean;
  react: boolean;
  typing: boolean;
  threads: boolean;
  media: boolean;
  /** The reply can stream by editing a draft message. */
  streamingDrafts: boolean;
  /** Longest text one platform message may hold (characters). */
  maxMessageLength: number;
  /**
   * The channel itself applies the platform's group allowlists and mention gating (OpenClaw's `groups` / `guilds` /
   * `channels`, `groupPolicy`, `requireMention`) before `onInbound`, so the gateway does not check group messages
   * again. Direct-message policy and pairing are always the gateway's (they need its pairing store).
   */
  groupAccess?: boolean;
}

/** Honest health: what the account is doing now, not what it was configured to do. */
export interface ChannelStatus {
  accountId: string;
  running: boolean;
  /** True only while the transport is known to work (a poll answered, a socket heartbeat acknowledged). */
  connected: boolean;
  mode?: string;
  lastInboundAt?: number;
  lastOutboundAt?: number;
  lastError?: string;
  lastErrorAt?: number;
  reconnectCount: number;
  /** Bot identity once known (username, id). */
  self?: { id: string; username?: string };
}

/** Registers an HTTP route on the gateway's own port (webhooks). Paths are absolute, e.g. `/telegram/webhook`. */
export type ChannelHttpHandler = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface ChannelContext {
  /**
   * Hands an inbound message to the gateway. Resolves only once the message is durable (written to the session
   * store or rejected by access control): the channel acknowledges it or advances its offset after that, so a
   * crash neither loses nor duplicates it. Rejects when it could not be stored; the channel must then not ack.
   */
  onInbound(message: InboundMessage): Promise<void>;
  logger: Logger;
  /** Aborted when the channel must stop. */
  signal: AbortSignal;
  registerHttpRoute?(method: 'GET' | 'POST', path: string, handler: ChannelHttpHandler): void;
}

/**
 * One account of one chat platform. Optional capability methods match the `capabilities` flags; callers check the
 * flag before calling.
 */
export interface Channel {
  readonly specificationVersion: 'v1';
  /** Channel name, e.g. `telegram`. */
  readonly id: string;
  readonly accountId: string;
  readonly capabilities: ChannelCapabilities;
  start(context: ChannelContext): Promise<void>;
  stop(): Promise<void>;
  send(target: OutboundTarget, message: OutboundMessage): Promise<SentMessage[]>;
  status(): ChannelStatus;
  /** Active check of the credentials/transport (e.g. getMe); updates status. */
  probe?(): Promise<ChannelStatus>;
  edit?(target: OutboundTarget & { messageId: string }, text: string): Promise<void>;
  react?(target: OutboundTarget & { messageId: string }, emoji: string): Promise<void>;
  typing?(target: OutboundTarget): Promise<void>;
}

/** Builds a channel from its (already validated) account config. Registered by the composition root. */
export type ChannelFactory<CONFIG = unknown> = (options: {
  accountId: string;
  config: CONFIG;
  logger: Logger;
}) => Channel;
