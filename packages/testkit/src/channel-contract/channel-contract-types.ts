import type { Channel, InboundMessage, Logger } from '@rusty-claw/plugin-sdk';

/** One message the fake platform server recorded as sent by the bot (already in the platform's dialect). */
export interface ContractSentMessage {
  chatId: string;
  threadId?: string;
  text: string;
}

/**
 * Ids the suite uses when it injects messages. Every platform spells ids differently (Telegram groups are negative
 * numbers, Slack channels start with `C`), so the driver may provide its own; the defaults are plain digit strings.
 */
export interface ContractIds {
  /** A direct (one-to-one) chat with the sender. */
  directChatId: string;
  /** A group / guild channel. */
  groupChatId: string;
  /** A thread or topic inside `groupChatId`. */
  threadId: string;
  senderId: string;
  /** A second human, to prove the sender is not confused with the chat. */
  otherSenderId: string;
}

/** What `makeChannel` receives; the driver builds the channel against its fake server. */
export interface ContractChannelOptions {
  accountId: string;
  logger: Logger;
}

/**
 * Kinds of fault a driver may support. `disconnect`: drop the live transport (long poll, socket) once.
 * `server-error`: answer the next transport request with a 5xx. The suite only asserts recovery.
 */
export type ContractFaultKind = 'disconnect' | 'server-error';

/**
 * The platform-specific half of the channel contract: a fake platform server plus a way to build a channel pointed
 * at it. One driver instance is made per test (`start` in beforeEach, `close` in afterEach).
 */
export interface ChannelContractDriver {
  /** Starts the fake server (port 0 on 127.0.0.1). */
  start(): Promise<void>;
  /** Stops the fake server and everything it holds open. The suite stops channels itself before this. */
  close(): Promise<void>;
  /**
   * Builds a channel pointed at the fake, configured so that any sender may write (open DM policy, no allowlist)
   * and with short retry delays (a rejected onInbound is retried within a second or two).
   */
  makeChannel(options: ContractChannelOptions): Channel;
  /** Injects a direct message from `senderId` in chat `chatId`. `messageId` repeats a platform message (duplicate). */
  injectDirectMessage(message: { chatId: string; senderId: string; text: string; messageId?: string }): void | Promise<void>;
  /** Injects a group message; `mentionBot` adds the platform's mention of the bot. `threadId` puts it in a thread/topic. */
  injectGroupMessage(message: {
    chatId: string;
    senderId: string;
    text: string;
    mentionBot: boolean;
    threadId?: string;
    messageId?: string;
  }): void | Promise<void>;
  /** Messages the bot sent so far, in order. */
  sentMessages(): ContractSentMessage[];
  /** Resolves once at least `count` messages were sent (rejects after a few seconds). */
  waitForSent(count: number): Promise<ContractSentMessage[]>;
  /** Optional fault injection; the recovery test runs only when present. */
  injectFault?(kind: ContractFaultKind): void | Promise<void>;
  /** Platform ids for the suite to use (defaults: digit strings). */
  ids?: Partial<ContractIds>;
}

export interface ChannelContractContext {
  /** The driver of the current test (started in beforeEach). */
  readonly driver: ChannelContractDriver;
  /** Builds, starts and tracks a channel (stopped in afterEach) with the recording context below. */
  startChannel(options?: { accountId?: string }): Promise<ContractRunningChannel>;
  readonly ids: ContractIds;
}

export interface ContractRunningChannel {
  channel: Channel;
  /** Every onInbound call, including rejected ones, in order. */
  inbound: InboundMessage[];
  /** Replace to make onInbound reject or delay (default: resolve). */
  setOnInbound(handler: (message: InboundMessage) => Promise<void>): void;
  /** Waits until `predicate` holds over `inbound` (rejects after `timeoutMs`, default 5 s). */
  waitForInbound(predicate: (inbound: InboundMessage[]) => boolean, timeoutMs?: number): Promise<InboundMessage[]>;
}

export interface ChannelContractOptions {
  name?: string;
  /** How long to wait for an asynchronous effect (delivery, redelivery, status flip). Default 5000 ms. */
  timeoutMs?: number;
  /** How long to watch for something that must NOT happen (an inbound after stop, a redelivery). Default 400 ms. */
  quietMs?: number;
  additionalTests?(context: ChannelContractContext): void;
}
