import { randomUUID } from 'node:crypto';
import { normalizeAccountId, SessionRunQueue, type RustyClawConfig } from '@rusty-claw/core';
import { ChannelError, silentLogger, type Channel, type InboundMessage, type Logger, type SessionStore } from '@rusty-claw/plugin-sdk';
import { checkInboundAccess } from './access/check-inbound-access.js';
import { inboundEntryId } from './inbound-entry-id.js';
import type { AgentRunner, AgentRunOutcome, RoutedInbound } from './agent-runner.js';
import type { InboundJournal, JournalEntry } from './inbound-journal.js';
import type { ChannelPairingStore } from './pairing/channel-pairing-store.js';
import { pairingReplyText } from './pairing/pairing-reply.js';
import { ReplyDelivery } from './reply-delivery.js';
import { resolveAgentRoute } from './resolve-agent-route.js';
import { inboundKey, replyTarget, storeInboundMessage } from './store-inbound-message.js';

/** What the router needs from the channel manager: running channels and each account's settings. */
export interface RouterChannels {
  /** The running channel of an account, or undefined while it is stopped. */
  get(channel: string, accountId: string): Channel | undefined;
  /** `channels.<channel>` merged with `accounts.<accountId>`; undefined for an account the config does not have. */
  accountConfig(channel: string, accountId: string): Record<string, unknown> | undefined;
}

export interface ChannelRouterOptions {
  config: () => RustyClawConfig;
  journal: InboundJournal;
  pairing: ChannelPairingStore;
  channels: RouterChannels;
  runner?: AgentRunner;
  /**
   * The session stores, to look for the reply of a run a crash interrupted after the model answered (it is then
   * delivered without running the model again).
   */
  sessionStore?: (agentId: string) => SessionStore | Promise<SessionStore>;
  logger?: Logger;
  now?: () => number;
  /** Runs of one message before it is given up (a message that crashes the gateway must not do so forever). */
  maxAttempts?: number;
  draftIntervalMs?: number;
  typingIntervalMs?: number;
  /** Pause between delivery attempts when a channel's send fails with a retryable error. */
  sendRetryDelayMs?: number;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const SEND_ATTEMPTS = 3;

function accountKey(channel: string, accountId: string): string {
  return `${channel}\u0000${accountId}`;
}

function failureText(outcome: AgentRunOutcome): string {
  if (outcome.status === 'ok') return outcome.text;
  if (outcome.status === 'aborted') return '';
  return `⚠️ Sorry, I could not answer that: ${outcome.error ?? (outcome.status === 'timeout' ? 'the run timed out' : 'the agent run failed')}`;
}

/**
 * From a channel's inbound message to the agent and back (ARCHITECTURE.md, "The path of one message"): access
 * control (DM policy, pairing, group allowlists, mention gating), deduplication, routing (bindings → agent, session
 * key per `session.dmScope`), the durable journal write that `onInbound` waits for, one queue per session, the agent
 * run, and the reply to the same chat and thread with typing and streamed drafts.
 */
export class ChannelRouter {
  readonly pairing: ChannelPairingStore;
  readonly #options: ChannelRouterOptions;
  readonly #logger: Logger;
  readonly #journal: InboundJournal;
  readonly #queue = new SessionRunQueue();
  readonly #inflight = new Map<string, Promise<void>>();
  readonly #parked = new Map<string, JournalEntry[]>();
  readonly #active = new Map<string, number>();
  /** The typing / draft state of runs whose answer is about to be delivered. */
  readonly #deliveries = new Map<string, ReplyDelivery>();
  readonly #abort = new AbortController();
  #runner: AgentRunner | undefined;
  #closing = false;
  #warnedNoRunner = false;

  constructor(options: ChannelRouterOptions) {
    this.#options = options;
    this.#logger = options.logger ?? silentLogger;
    this.#journal = options.journal;
    this.pairing = options.pairing;
    this.#runner = options.runner;
  }

  /** Reads the journal back and queues every message a previous run did not finish. */
  async open(): Promise<void> {
    const pending = await this.#journal.open();
    if (this.#journal.skippedLines > 0) this.#logger.warn({ lines: this.#journal.skippedLines, file: this.#journal.file }, 'inbound journal: unreadable lines skipped (torn write at a crash)');
    if (pending.length > 0) this.#logger.info({ count: pending.length }, 'inbound journal: resuming unanswered channel messages');
    for (const entry of pending) this.#schedule(entry);
  }

  /** Installs the agent runner (the agent service registers itself once it is up) and runs what waited for it. */
  setRunner(runner: AgentRunner): void {
    this.#runner = runner;
    for (const entry of this.#journal.pending()) if (entry.state !== 'answered') this.#schedule(entry);
  }

  /** Runs in progress for one account (`channels.status` `activeRuns`). */
  activeRuns(channel: string, accountId: string): number {
    return this.#active.get(accountKey(channel, accountId)) ?? 0;
  }

  /**
   * The channel's `onInbound`. Resolves once the message is durable in the journal, or was refused by access
   * control, or is a duplicate; rejects (the channel must not acknowledge) when it could not be stored.
   */
  onInbound(message: InboundMessage): Promise<void> {
    if (this.#closing) {
      return Promise.reject(new ChannelError(message.channel, 'the gateway is stopping; deliver the message again later', { code: 'GATEWAY_STOPPING', isRetryable: true }));
    }
    const normalized = { ...message, accountId: normalizeAccountId(message.accountId) };
    const key = inboundKey(normalized);
    // The same message delivered twice at once (a retry racing the original) is stored once.
    const running = this.#inflight.get(key);
    if (running) return running;
    const task = this.#accept(normalized, key).finally(() => this.#inflight.delete(key));
    this.#inflight.set(key, task);
    return task;
  }

  /** A channel account (re)started: deliver the answers that waited for it. */
  accountStarted(channel: string, accountId: string): void {
    const parked = this.#parked.get(accountKey(channel, accountId)) ?? [];
    this.#parked.delete(accountKey(channel, accountId));
    for (const entry of parked) this.#schedule(entry);
  }

  /** Stops taking messages, lets running turns finish for up to `timeoutMs`, then aborts them (they resume on restart). */
  async close(timeoutMs = 5_000): Promise<void> {
    this.#closing = true;
    const idle = this.#queue.idle();
    const settled = await Promise.race([idle.then(() => true), delay(timeoutMs).then(() => false)]);
    if (!settled) {
      this.#abort.abort(new Error('gateway stopping'));
      await Promise.race([idle, delay(1_000)]);
    }
    await this.#journal.close();
  }

  async #accept(message: InboundMessage, key: string): Promise<void> {
    if (this.#journal.has(key)) {
      this.#logger.debug({ channel: message.channel, messageId: message.messageId }, 'duplicate delivery ignored');
      return;
    }
    const log = { channel: message.channel, accountId: message.accountId, chatId: message.chat.id, senderId: message.sender.id, messageId: message.messageId };
    const accountConfig = this.#options.channels.accountConfig(message.channel, message.accountId);
    if (!accountConfig) {
      this.#logger.warn(log, 'message for an account the config does not have; dropped');
      return;
    }
    if (!message.messageId || !message.chat?.id || !message.sender?.id) {
      this.#logger.warn(log, 'malformed inbound message (no message, chat or sender id); dropped');
      return;
    }
    const config = this.#options.config();
    const decision = checkInboundAccess({
      channel: message.channel,
      config: accountConfig,
      defaults: (config.channels?.['defaults'] ?? {}) as Record<string, unknown>,
      message,
      pairedSenders: message.chat.type === 'direct' ? await this.pairing.pairedSenders(message.channel, message.accountId) : [],
      channelGatesGroups: this.#options.channels.get(message.channel, message.accountId)?.capabilities.groupAccess === true,
    });
    if (decision.kind === 'drop') {
      this.#logger.info({ ...log, reason: decision.reason }, 'inbound message dropped by access control');
      return;
    }
    if (decision.kind === 'pair') {
      await this.#challenge(message);
      return;
    }

    const stored = await storeInboundMessage(message, this.#logger);
    if (stored.text.trim() === '' && stored.images.length === 0) {
      this.#logger.info(log, 'empty inbound message dropped');
      return;
    }
    const route = resolveAgentRoute(config, {
      channel: message.channel,
      accountId: message.accountId,
      peer: message.chat.type === 'direct' ? { kind: 'direct', id: message.sender.id } : { kind: message.chat.type === 'channel' ? 'channel' : 'group', id: message.chat.id },
      ...(message.threadId === undefined ? {} : { threadId: message.threadId }),
      ...(message.guildId === undefined ? {} : { guildId: message.guildId }),
      ...(message.teamId === undefined ? {} : { teamId: message.teamId }),
      ...(message.memberRoleIds === undefined ? {} : { memberRoleIds: message.memberRoleIds }),
    });
    const entry = await this.#journal.receive({
      id: randomUUID(),
      key,
      receivedAt: (this.#options.now ?? Date.now)(),
      route: { agentId: route.agentId, sessionKey: route.sessionKey },
      message: stored,
    });
    this.#logger.info({ ...log, sessionKey: route.sessionKey, agentId: route.agentId, matchedBy: route.matchedBy }, 'inbound message accepted');
    this.#schedule(entry);
  }

  /** Under `dmPolicy: pairing`: record the request and, the first time only, tell the sender their code. */
  async #challenge(message: InboundMessage): Promise<void> {
    const { code, created } = await this.pairing.upsert({
      channel: message.channel,
      accountId: message.accountId,
      senderId: message.sender.id,
      meta: { username: message.sender.username, displayName: message.sender.displayName, chatId: message.chat.id },
    });
    const log = { channel: message.channel, accountId: message.accountId, senderId: message.sender.id };
    if (!code) {
      this.#logger.warn(log, 'pairing request ignored: too many pending requests for this account');
      return;
    }
    if (!created) return;
    this.#logger.info(log, 'pairing code issued to an unknown sender');
    const channel = this.#options.channels.get(message.channel, message.accountId);
    try {
      await channel?.send({ chatId: message.chat.id, ...(message.threadId === undefined ? {} : { threadId: message.threadId }) }, { text: pairingReplyText(message.channel, message.sender.id, code) });
    } catch (error) {
      this.#logger.warn({ ...log, error: String(error) }, 'pairing code could not be sent');
    }
  }

  #schedule(entry: JournalEntry): void {
    this.#queue.run(entry.route.sessionKey, () => this.#process(entry)).catch((error: unknown) => {
      this.#logger.error({ id: entry.id, sessionKey: entry.route.sessionKey, error: String(error) }, 'channel message processing failed; it is retried on restart');
    });
  }

  async #process(entry: JournalEntry): Promise<void> {
    if (this.#closing || entry.state === 'done') return;
    const { channel: channelName, accountId } = entry.message;
    const counter = accountKey(channelName, accountId);
    this.#active.set(counter, (this.#active.get(counter) ?? 0) + 1);
    try {
      if (entry.state !== 'answered') {
        const runner = this.#runner;
        if (!runner) {
          if (!this.#warnedNoRunner) this.#logger.warn({}, 'no agent runner is configured: channel messages are stored and answered once one is');
          this.#warnedNoRunner = true;
          return;
        }
        const answered = await this.#run(entry, runner);
        if (!answered) return;
      }
      await this.#deliver(this.#journal.get(entry.id) ?? entry);
    } finally {
      const left = (this.#active.get(counter) ?? 1) - 1;
      if (left === 0) this.#active.delete(counter);
      else this.#active.set(counter, left);
    }
  }

  /** Runs the agent for the message and records the answer. False when the run was cut short by a shutdown. */
  async #run(entry: JournalEntry, runner: AgentRunner): Promise<boolean> {
    const maxAttempts = this.#options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
    if (entry.attempts >= maxAttempts) {
      this.#logger.error({ id: entry.id, attempts: entry.attempts }, 'channel message given up after repeated interrupted runs');
      await this.#journal.answered(entry.id, { text: '⚠️ Sorry, I could not answer that message (it was interrupted too often).', status: 'error', error: 'too many attempts' });
      return true;
    }
    const { message } = entry;
    if (entry.attempts > 0) {
      const reply = await this.#replyInTranscript(entry).catch((error: unknown) => {
        this.#logger.warn({ id: entry.id, error: String(error) }, 'could not read the transcript of an interrupted turn; it runs again');
        return undefined;
      });
      if (reply !== undefined) {
        this.#logger.info({ id: entry.id, sessionKey: entry.route.sessionKey }, 'interrupted turn had finished: delivering its reply without a new run');
        await this.#journal.answered(entry.id, { text: reply, status: 'ok' });
        return true;
      }
    }
    // Written before the run starts: a crash from here on shows up as an attempt on restart.
    await this.#journal.started(entry.id);
    const channel = this.#options.channels.get(message.channel, message.accountId);
    const delivery = channel ? this.#delivery(channel, entry) : undefined;
    delivery?.start();
    const inbound: RoutedInbound = {
      id: entry.id,
      entryId: inboundEntryId(message),
      agentId: entry.route.agentId,
      sessionKey: entry.route.sessionKey,
      channel: message.channel,
      accountId: message.accountId,
      chatId: message.chat.id,
      chatType: message.chat.type,
      ...(message.threadId === undefined ? {} : { threadId: message.threadId }),
      senderId: message.sender.id,
      ...(message.sender.displayName ?? message.sender.username ? { senderName: (message.sender.displayName ?? message.sender.username) as string } : {}),
      text: message.text,
      images: message.images,
    };
    let outcome: AgentRunOutcome;
    try {
      outcome = await runner.enqueue(entry.route.sessionKey, inbound, {
        signal: this.#abort.signal,
        onEvent: (event) => {
          if (event.stream === 'assistant') delivery?.update(event.data.text);
        },
      });
    } catch (error) {
      outcome = { runId: '', status: 'error', text: '', error: (error as Error)?.message ?? String(error) };
    }
    if (this.#abort.signal.aborted) {
      delivery?.stop();
      return false;
    }
    await this.#journal.answered(entry.id, { text: failureText(outcome), status: outcome.status, ...(outcome.error === undefined ? {} : { error: outcome.error }) });
    if (delivery) this.#deliveries.set(entry.id, delivery);
    return true;
  }

  /**
   * After a crash: the finished reply to this message in its transcript (the user message, then a complete assistant
   * message before the next user message), or undefined when the run had not finished.
   */
  async #replyInTranscript(entry: JournalEntry): Promise<string | undefined> {
    const open = this.#options.sessionStore;
    if (!open) return undefined;
    const store = await open(entry.route.agentId);
    const entryId = inboundEntryId(entry.message);
    let seenUser = false;
    let reply: string | undefined;
    for await (const item of store.read(entry.route.sessionKey)) {
      if (item.type !== 'message') continue;
      const { message } = item;
      if (message.role === 'user') {
        const text = typeof message.content === 'string' ? message.content : message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
        // By entry id; by text and time for a transcript written before entry ids were derived from the message.
        const mine = item.id === entryId || (text === entry.message.text && message.timestamp >= entry.receivedAt);
        if (seenUser && !mine) break;
        if (mine) {
          seenUser = true;
          reply = undefined;
        }
      } else if (seenUser && message.role === 'assistant') {
        const complete = message.stopReason === undefined || message.stopReason === 'stop' || message.stopReason === 'length';
        const text = message.content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('');
        reply = complete ? text : undefined;
      }
    }
    return reply;
  }

  #delivery(channel: Channel, entry: JournalEntry): ReplyDelivery {
    return new ReplyDelivery({
      channel,
      target: replyTarget(entry.message),
      logger: this.#logger,
      ...(this.#options.draftIntervalMs === undefined ? {} : { draftIntervalMs: this.#options.draftIntervalMs }),
      ...(this.#options.typingIntervalMs === undefined ? {} : { typingIntervalMs: this.#options.typingIntervalMs }),
    });
  }

  /** Sends the recorded answer to the chat; waits for the account when its channel is not running. */
  async #deliver(entry: JournalEntry): Promise<void> {
    const { message } = entry;
    const text = entry.answer?.text ?? '';
    let delivery = this.#deliveries.get(entry.id);
    this.#deliveries.delete(entry.id);
    if (text.trim() === '') {
      delivery?.stop();
      await this.#journal.done(entry.id, 'no-reply');
      return;
    }
    for (let attempt = 1; ; attempt++) {
      const channel = this.#options.channels.get(message.channel, message.accountId);
      if (!channel) {
        delivery?.stop();
        const key = accountKey(message.channel, message.accountId);
        this.#parked.set(key, [...(this.#parked.get(key) ?? []), entry]);
        this.#logger.info({ id: entry.id, channel: message.channel, accountId: message.accountId }, 'reply waits for the channel account to run');
        return;
      }
      // A channel restarted since the run began gets a fresh delivery (the old one holds the stopped instance).
      if (delivery !== undefined && delivery.channel !== channel) {
        delivery.stop();
        delivery = undefined;
      }
      try {
        await (delivery ?? this.#delivery(channel, entry)).finish(text);
        await this.#journal.done(entry.id, 'replied');
        return;
      } catch (error) {
        delivery = undefined;
        const retryable = ChannelError.isInstance(error) ? error.isRetryable : true;
        // Stopping: leave it pending, the next start delivers it.
        if (this.#closing) return;
        if (!retryable || attempt >= SEND_ATTEMPTS) {
          this.#logger.error({ id: entry.id, channel: message.channel, error: String(error) }, 'reply could not be sent; giving up');
          await this.#journal.done(entry.id, 'send-failed');
          return;
        }
        await delay((this.#options.sendRetryDelayMs ?? 1_000) * attempt);
      }
    }
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
