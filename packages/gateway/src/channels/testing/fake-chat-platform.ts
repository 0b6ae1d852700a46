import type { Channel, ChannelCapabilities, ChannelContext, ChannelFactory, ChannelStatus, InboundMessage, OutboundTarget } from '@rusty-claw/plugin-sdk';

/** A message the fake platform recorded as sent by the bot. */
export interface FakeSent {
  accountId: string;
  chatId: string;
  threadId?: string;
  replyToMessageId?: string;
  text: string;
  messageId: string;
}

type Update = Omit<InboundMessage, 'channel' | 'accountId'>;

/**
 * An in-memory chat platform for the gateway's own tests (the network edge, faked like testkit's reference channel):
 * updates are queued per account and handed to `onInbound` one at a time, acknowledged (dropped from the queue)
 * only after it resolves and redelivered when it rejects — the contract's durable-before-ack. What the bot sends,
 * edits and types is recorded. Real channels are tested end to end with their own fake servers in apps/gateway.
 */
export class FakeChatPlatform {
  readonly sent: FakeSent[] = [];
  readonly edits: Array<{ chatId: string; messageId: string; text: string }> = [];
  readonly typing: Array<{ chatId: string; threadId?: string }> = [];
  readonly #queues = new Map<string, Update[]>();
  readonly #channels = new Map<string, FakeChannel>();
  #nextMessageId = 1000;
  #nextUpdate = 1;
  /** Accounts whose `start()` rejects with this text (a wrong token at start-up). */
  readonly failStart = new Map<string, string>();

  constructor(readonly name = 'fakechat') {}

  /** Queues an inbound message for `accountId`; returns its platform message id. */
  inject(accountId: string, message: Partial<Update> & { text: string; chatId?: string; senderId?: string; type?: 'direct' | 'group' }): string {
    const messageId = message.messageId ?? String(this.#nextUpdate++);
    const senderId = message.senderId ?? message.sender?.id ?? '42';
    const type = message.type ?? message.chat?.type ?? 'direct';
    const { chatId, senderId: _senderId, type: _type, ...rest } = message;
    const update: Update = {
      messageId,
      chat: message.chat ?? { id: chatId ?? senderId, type },
      sender: message.sender ?? { id: senderId, username: `user${senderId}` },
      timestamp: Date.now(),
      ...rest,
      text: message.text,
    };
    this.#queue(accountId).push(update);
    this.#channels.get(accountId)?.wake();
    return messageId;
  }

  /** Updates not acknowledged yet. */
  pending(accountId = 'default'): number {
    return this.#queue(accountId).length;
  }

  channel(accountId = 'default'): FakeChannel | undefined {
    return this.#channels.get(accountId);
  }

  factory(capabilities: Partial<ChannelCapabilities> = {}): ChannelFactory {
    return ({ accountId }) => {
      const channel = new FakeChannel(this, accountId, { edit: false, react: false, typing: true, threads: true, media: false, streamingDrafts: false, maxMessageLength: 4096, ...capabilities });
      this.#channels.set(accountId, channel);
      return channel;
    };
  }

  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value !== undefined && value !== false) return value;
      if (Date.now() > deadline) throw new Error('fake chat platform: condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** @internal */
  queueOf(accountId: string): Update[] {
    return this.#queue(accountId);
  }

  /** @internal */
  record(accountId: string, target: OutboundTarget, text: string): string {
    const messageId = String(this.#nextMessageId++);
    this.sent.push({
      accountId,
      chatId: target.chatId,
      ...(target.threadId === undefined ? {} : { threadId: target.threadId }),
      ...(target.replyToMessageId === undefined ? {} : { replyToMessageId: target.replyToMessageId }),
      text,
      messageId,
    });
    return messageId;
  }

  #queue(accountId: string): Update[] {
    let queue = this.#queues.get(accountId);
    if (!queue) {
      queue = [];
      this.#queues.set(accountId, queue);
    }
    return queue;
  }
}

export class FakeChannel implements Channel {
  readonly specificationVersion = 'v1' as const;
  readonly id: string;
  #status: ChannelStatus;
  #context: ChannelContext | undefined;
  #busy = false;
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly platform: FakeChatPlatform,
    readonly accountId: string,
    readonly capabilities: ChannelCapabilities,
  ) {
    this.id = platform.name;
    this.#status = { accountId, running: false, connected: false, reconnectCount: 0, mode: 'fake' };
  }

  async start(context: ChannelContext): Promise<void> {
    const failure = this.platform.failStart.get(this.accountId);
    if (failure) {
      this.#status = { ...this.#status, lastError: failure, lastErrorAt: Date.now() };
      throw new Error(failure);
    }
    this.#context = context;
    context.registerHttpRoute?.('POST', `/${this.platform.name}/${this.accountId}/hook`, async (request, response) => {
      let body = '';
      for await (const chunk of request) body += String(chunk);
      this.platform.inject(this.accountId, JSON.parse(body) as { text: string });
      response.end('ok');
    });
    this.#status = { ...this.#status, running: true, connected: true };
    // A poll loop, as a long-polling channel has: retries what was not acknowledged.
    this.#timer = setInterval(() => this.wake(), 20);
  }

  async stop(): Promise<void> {
    clearInterval(this.#timer);
    this.#context = undefined;
    this.#status = { ...this.#status, running: false, connected: false };
  }

  status(): ChannelStatus {
    return { ...this.#status };
  }

  async probe(): Promise<ChannelStatus> {
    return this.status();
  }

  /** Simulates a dropped connection and the reconnect after it. */
  drop(): void {
    this.#status = { ...this.#status, connected: false, reconnectCount: this.#status.reconnectCount + 1, lastError: 'connection reset' };
  }

  async send(target: OutboundTarget, message: { text: string }): Promise<Array<{ chatId: string; messageId: string }>> {
    if (!this.#status.running) throw new Error('channel is not running');
    const chunks: string[] = [];
    for (let at = 0; at < message.text.length; at += this.capabilities.maxMessageLength) chunks.push(message.text.slice(at, at + this.capabilities.maxMessageLength));
    const sent = chunks.map((chunk) => ({ chatId: target.chatId, messageId: this.platform.record(this.accountId, target, chunk) }));
    this.#status = { ...this.#status, lastOutboundAt: Date.now() };
    return sent;
  }

  async edit(target: OutboundTarget & { messageId: string }, text: string): Promise<void> {
    if (!this.capabilities.edit) throw new Error('edit is not supported');
    this.platform.edits.push({ chatId: target.chatId, messageId: target.messageId, text });
    const message = this.platform.sent.find((entry) => entry.messageId === target.messageId);
    if (message) message.text = text;
  }

  async typing(target: OutboundTarget): Promise<void> {
    this.platform.typing.push({ chatId: target.chatId, ...(target.threadId === undefined ? {} : { threadId: target.threadId }) });
  }

  wake(): void {
    const context = this.#context;
    if (!context || this.#busy) return;
    const queue = this.platform.queueOf(this.accountId);
    const update = queue[0];
    if (!update) return;
    this.#busy = true;
    context
      .onInbound({ ...update, channel: this.platform.name, accountId: this.accountId })
      .then(() => {
        // Acknowledged only now: the platform forgets the update.
        if (queue[0] === update) queue.shift();
        this.#status = { ...this.#status, lastInboundAt: Date.now() };
      })
      .catch(() => undefined)
      .finally(() => {
        this.#busy = false;
        if (queue.length > 0) setImmediate(() => this.wake());
      });
  }
}
