import type { Channel, ChannelContext, ChannelStatus, InboundMessage } from '@rusty-claw/plugin-sdk';
import type { ChannelContractDriver, ContractSentMessage } from './channel-contract-types.js';
import { describeChannelContract } from './describe-channel-contract.js';
import { waitUntil } from './wait-until.js';

/**
 * A reference in-memory "platform" and channel that obey the contract, so the suite itself is proven runnable (and
 * shows a driver's shape). Real channels run the suite against their fake servers.
 */
interface MemoryUpdate {
  id: number;
  message: Omit<InboundMessage, 'channel' | 'accountId'>;
}

function memoryPlatform() {
  const queue: MemoryUpdate[] = [];
  const sent: ContractSentMessage[] = [];
  let nextUpdate = 1;
  let nextMessage = 100;
  let dropped = false;
  return {
    queue,
    sent,
    push(message: MemoryUpdate['message']) {
      queue.push({ id: nextUpdate++, message });
    },
    nextMessageId: () => String(nextMessage++),
    drop() {
      dropped = true;
    },
    takeDrop() {
      const was = dropped;
      dropped = false;
      return was;
    },
  };
}

function memoryChannel(platform: ReturnType<typeof memoryPlatform>, accountId: string): Channel {
  const limit = 120;
  const seen = new Set<string>();
  let status: ChannelStatus = { accountId, running: false, connected: false, reconnectCount: 0 };
  let timer: NodeJS.Timeout | undefined;
  let busy = false;
  const tick = async (context: ChannelContext) => {
    if (busy || !status.running) return;
    busy = true;
    try {
      if (platform.takeDrop()) {
        status = { ...status, connected: false, reconnectCount: status.reconnectCount + 1 };
        return;
      }
      status = { ...status, connected: true };
      const update = platform.queue[0];
      if (!update) return;
      const key = `${update.message.chat.id}:${update.message.messageId}`;
      if (!seen.has(key)) {
        await context.onInbound({ ...update.message, channel: 'memory', accountId });
        seen.add(key);
        status = { ...status, lastInboundAt: Date.now() };
      }
      platform.queue.shift(); // ack only after onInbound resolved
    } catch {
      // not acked: the same update is tried again on the next tick
    } finally {
      busy = false;
    }
  };
  return {
    specificationVersion: 'v1',
    id: 'memory',
    accountId,
    capabilities: { edit: false, react: false, typing: false, threads: true, media: false, streamingDrafts: false, maxMessageLength: limit },
    async start(context) {
      status = { ...status, running: true };
      timer = setInterval(() => void tick(context), 5);
    },
    async stop() {
      clearInterval(timer);
      status = { ...status, running: false, connected: false };
    },
    async send(target, message) {
      const chunks: string[] = [];
      let current = '';
      for (const word of message.text.split(/\s+/)) {
        if (current && current.length + 1 + word.length > limit) {
          chunks.push(current);
          current = word;
        } else current = current ? `${current} ${word}` : word;
      }
      if (current) chunks.push(current);
      status = { ...status, lastOutboundAt: Date.now() };
      return chunks.map((text) => {
        platform.sent.push({ chatId: target.chatId, ...(target.threadId ? { threadId: target.threadId } : {}), text });
        return { chatId: target.chatId, messageId: platform.nextMessageId() };
      });
    },
    status: () => status,
  };
}

function memoryDriver(): ChannelContractDriver {
  const platform = memoryPlatform();
  return {
    async start() {},
    async close() {},
    makeChannel: (options) => memoryChannel(platform, options.accountId),
    injectDirectMessage({ chatId, senderId, text, messageId }) {
      platform.push({ messageId: messageId ?? platform.nextMessageId(), chat: { id: chatId, type: 'direct' }, sender: { id: senderId }, text, timestamp: Date.now() });
    },
    injectGroupMessage({ chatId, senderId, text, mentionBot, threadId, messageId }) {
      platform.push({
        messageId: messageId ?? platform.nextMessageId(),
        chat: { id: chatId, type: 'group' },
        ...(threadId ? { threadId } : {}),
        sender: { id: senderId },
        text: mentionBot ? `@memorybot ${text}` : text,
        ...(mentionBot ? { mentionsBot: true } : {}),
        timestamp: Date.now(),
      });
    },
    sentMessages: () => [...platform.sent],
    async waitForSent(count) {
      await waitUntil(() => platform.sent.length >= count, 3000);
      return [...platform.sent];
    },
    injectFault: () => platform.drop(),
  };
}

describeChannelContract(memoryDriver, { name: 'in-memory reference channel', quietMs: 100 });
