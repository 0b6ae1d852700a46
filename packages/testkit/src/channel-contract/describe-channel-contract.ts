import { silentLogger, type Channel, type ChannelStatus, type InboundMessage } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type {
  ChannelContractContext,
  ChannelContractDriver,
  ChannelContractOptions,
  ContractIds,
  ContractRunningChannel,
} from './channel-contract-types.js';
import { waitUntil } from './wait-until.js';

const defaultIds: ContractIds = {
  directChatId: '5001',
  groupChatId: '6001',
  threadId: '77',
  senderId: '5001',
  otherSenderId: '5002',
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const normalize = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A long Markdown-free reply: paragraphs of plain words, so no dialect conversion changes the characters. */
function longReply(minLength: number): string {
  const words = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet'];
  const paragraphs: string[] = [];
  let length = 0;
  for (let paragraph = 0; length < minLength; paragraph += 1) {
    const sentence = Array.from({ length: 40 }, (_, index) => `${words[(index + paragraph) % words.length]}${paragraph}`).join(' ');
    paragraphs.push(sentence);
    length += sentence.length + 2;
  }
  return paragraphs.join('\n\n');
}

/**
 * The conformance suite of `Channel`, platform-neutral: everything goes through the plugin-sdk contract and a
 * driver (fake platform server + inject/record helpers). Pins: honest status after start/stop, chat/thread/sender
 * kept apart, `mentionsBot` in groups, durable before ack (a rejected onInbound is delivered again, a resolved one
 * never), duplicates delivered once, replies land in the right chat/thread, long replies chunked to
 * `capabilities.maxMessageLength` without losing text, and no inbound after stop.
 */
export function describeChannelContract(
  makeDriver: () => ChannelContractDriver | Promise<ChannelContractDriver>,
  options: ChannelContractOptions = {},
): void {
  const timeoutMs = options.timeoutMs ?? 5000;
  const quietMs = options.quietMs ?? 400;

  describe(`Channel contract${options.name ? `: ${options.name}` : ''}`, () => {
    let driver: ChannelContractDriver | undefined;
    let ids: ContractIds = defaultIds;
    const started: Array<{ channel: Channel; abort: AbortController }> = [];

    const startChannel = async (startOptions: { accountId?: string } = {}): Promise<ContractRunningChannel> => {
      if (!driver) throw new Error('the driver starts in beforeEach: start channels inside tests');
      const channel = driver.makeChannel({ accountId: startOptions.accountId ?? 'default', logger: silentLogger });
      const inbound: InboundMessage[] = [];
      let handler: (message: InboundMessage) => Promise<void> = async () => {};
      const abort = new AbortController();
      started.push({ channel, abort });
      await channel.start({
        logger: silentLogger,
        signal: abort.signal,
        onInbound: (message) => {
          inbound.push(message);
          return handler(message);
        },
      });
      return {
        channel,
        inbound,
        setOnInbound: (next) => {
          handler = next;
        },
        waitForInbound: async (predicate, waitMs = timeoutMs) => {
          await waitUntil(() => predicate(inbound), waitMs, () => `inbound so far: ${JSON.stringify(inbound.map((m) => m.text))}`);
          return inbound;
        },
      };
    };

    const context: ChannelContractContext = {
      get driver() {
        if (!driver) throw new Error('the driver starts in beforeEach: use it inside tests');
        return driver;
      },
      get ids() {
        return ids;
      },
      startChannel,
    };

    const waitForStatus = (channel: Channel, predicate: (status: ChannelStatus) => boolean) =>
      waitUntil(() => predicate(channel.status()), timeoutMs, () => `status: ${JSON.stringify(channel.status())}`);

    beforeEach(async () => {
      driver = await makeDriver();
      ids = { ...defaultIds, ...driver.ids };
      await driver.start();
    });
    afterEach(async () => {
      for (const { channel, abort } of started.splice(0)) {
        abort.abort();
        await channel.stop().catch(() => undefined);
      }
      await driver?.close();
      driver = undefined;
    });

    test('start: status is running, then connected once the transport is proven', async () => {
      const { channel } = await startChannel({ accountId: 'default' });
      expect(channel.specificationVersion).toBe('v1');
      expect(channel.accountId).toBe('default');
      expect(channel.capabilities.maxMessageLength).toBeGreaterThan(0);
      expect(channel.status()).toMatchObject({ accountId: 'default', running: true });
      await waitForStatus(channel, (status) => status.running && status.connected);
      expect(channel.status().reconnectCount).toBeGreaterThanOrEqual(0);
    });

    test('a direct message reaches onInbound with chat, sender and text', async () => {
      const running = await startChannel();
      await context.driver.injectDirectMessage({ chatId: ids.directChatId, senderId: ids.senderId, text: 'hello from a DM' });
      const [message] = await running.waitForInbound((inbound) => inbound.length >= 1);
      expect(message).toMatchObject({
        channel: running.channel.id,
        accountId: running.channel.accountId,
        chat: { id: ids.directChatId, type: 'direct' },
        sender: { id: ids.senderId },
        text: 'hello from a DM',
      });
      expect(message?.threadId).toBeUndefined();
      expect(message?.mentionsBot).not.toBe(true);
      expect(typeof message?.messageId).toBe('string');
      expect(message?.timestamp).toBeGreaterThan(0);
    });

    test('group messages keep chat, thread and sender apart and set mentionsBot', async () => {
      const running = await startChannel();
      await context.driver.injectGroupMessage({
        chatId: ids.groupChatId,
        senderId: ids.otherSenderId,
        text: 'are you there',
        mentionBot: true,
        threadId: ids.threadId,
      });
      await context.driver.injectGroupMessage({ chatId: ids.groupChatId, senderId: ids.senderId, text: 'just chatting', mentionBot: false });
      const inbound = await running.waitForInbound((all) => all.length >= 2);
      const mentioned = inbound.find((message) => message.text.includes('are you there'));
      const plain = inbound.find((message) => message.text.includes('just chatting'));
      expect(mentioned).toMatchObject({ chat: { id: ids.groupChatId, type: 'group' }, threadId: ids.threadId, sender: { id: ids.otherSenderId }, mentionsBot: true });
      expect(plain).toMatchObject({ chat: { id: ids.groupChatId, type: 'group' }, sender: { id: ids.senderId } });
      expect(plain?.threadId).toBeUndefined();
      expect(plain?.mentionsBot).not.toBe(true);
    });

    test('durable before ack: a rejected onInbound is delivered again, a resolved one is not', async () => {
      const running = await startChannel();
      let failures = 0;
      running.setOnInbound(async (message) => {
        if (message.text === 'store me' && failures === 0) {
          failures += 1;
          throw new Error('session store unavailable');
        }
      });
      await context.driver.injectDirectMessage({ chatId: ids.directChatId, senderId: ids.senderId, text: 'store me' });
      await running.waitForInbound((inbound) => inbound.filter((message) => message.text === 'store me').length >= 2);
      await context.driver.injectDirectMessage({ chatId: ids.directChatId, senderId: ids.senderId, text: 'next one' });
      await running.waitForInbound((inbound) => inbound.some((message) => message.text === 'next one'));
      await sleep(quietMs);
      const deliveries = running.inbound.filter((message) => message.text === 'store me');
      expect(deliveries).toHaveLength(2);
      expect(deliveries[1]?.messageId).toBe(deliveries[0]?.messageId);
      expect(running.inbound.filter((message) => message.text === 'next one')).toHaveLength(1);
    });

    test('a duplicate delivery of the same platform message reaches onInbound once', async () => {
      const running = await startChannel();
      await context.driver.injectDirectMessage({ chatId: ids.directChatId, senderId: ids.senderId, text: 'only once', messageId: '9001' });
      await context.driver.injectDirectMessage({ chatId: ids.directChatId, senderId: ids.senderId, text: 'only once', messageId: '9001' });
      await context.driver.injectDirectMessage({ chatId: ids.directChatId, senderId: ids.senderId, text: 'marker', messageId: '9002' });
      await running.waitForInbound((inbound) => inbound.some((message) => message.text === 'marker'));
      await sleep(quietMs);
      expect(running.inbound.filter((message) => message.text === 'only once')).toHaveLength(1);
    });

    test('send creates one platform message in the right chat, and in the right thread', async () => {
      const { channel } = await startChannel();
      const direct = await channel.send({ chatId: ids.directChatId }, { text: 'hi there' });
      expect(direct).toHaveLength(1);
      expect(direct[0]?.chatId).toBe(ids.directChatId);
      expect(typeof direct[0]?.messageId).toBe('string');
      const threaded = await channel.send({ chatId: ids.groupChatId, threadId: ids.threadId }, { text: 'in the topic' });
      expect(threaded).toHaveLength(1);
      const sent = await context.driver.waitForSent(2);
      expect(sent).toHaveLength(2);
      expect(sent[0]).toMatchObject({ chatId: ids.directChatId });
      expect(sent[0]?.threadId).toBeUndefined();
      expect(sent[0]?.text).toContain('hi there');
      expect(sent[1]).toMatchObject({ chatId: ids.groupChatId, threadId: ids.threadId });
      expect(sent[1]?.text).toContain('in the topic');
      expect(channel.status().lastOutboundAt).toBeGreaterThan(0);
    });

    test('a reply longer than the platform limit becomes several messages, none too long, text preserved', async () => {
      const { channel } = await startChannel();
      const limit = channel.capabilities.maxMessageLength;
      const text = longReply(Math.floor(limit * 2.5));
      const result = await channel.send({ chatId: ids.directChatId }, { text });
      expect(result.length).toBeGreaterThanOrEqual(3);
      const sent = await context.driver.waitForSent(result.length);
      expect(sent).toHaveLength(result.length);
      for (const message of sent) {
        expect(message.chatId).toBe(ids.directChatId);
        expect(message.text.length).toBeLessThanOrEqual(limit);
      }
      expect(normalize(sent.map((message) => message.text).join(' '))).toBe(normalize(text));
    });

    test('stop: running and connected go false and no more inbound arrives', async () => {
      const running = await startChannel();
      await waitForStatus(running.channel, (status) => status.connected);
      await running.channel.stop();
      expect(running.channel.status()).toMatchObject({ running: false, connected: false });
      await context.driver.injectDirectMessage({ chatId: ids.directChatId, senderId: ids.senderId, text: 'after stop' });
      await sleep(quietMs);
      expect(running.inbound).toHaveLength(0);
    });

    test('a transport fault is recovered without a restart', async (testContext) => {
      const inject = context.driver.injectFault?.bind(context.driver);
      if (!inject) {
        testContext.skip();
        return;
      }
      const running = await startChannel();
      await waitForStatus(running.channel, (status) => status.connected);
      const before = running.channel.status().reconnectCount;
      await inject('disconnect');
      await context.driver.injectDirectMessage({ chatId: ids.directChatId, senderId: ids.senderId, text: 'after the drop' });
      await running.waitForInbound((inbound) => inbound.some((message) => message.text === 'after the drop'));
      await waitForStatus(running.channel, (status) => status.connected && status.reconnectCount > before);
      expect(running.channel.status().running).toBe(true);
    });

    options.additionalTests?.(context);
  });
}
