import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FileSessionStore } from '@rusty-claw/core';
import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { textStreamParts } from '@rusty-claw/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { lastUserText, startChannelTestGateway, type ChannelTestGateway } from './testing/channel-test-gateway.js';

let gateway: ChannelTestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

async function transcript(g: ChannelTestGateway, key: string, agentId = 'main'): Promise<Array<{ role: string; text: string }>> {
  const entries: TranscriptEntry[] = [];
  for await (const entry of g.store(agentId).read(key)) entries.push(entry);
  return entries.flatMap((entry) => {
    if (entry.type !== 'message') return [];
    const { content } = entry.message;
    const text = typeof content === 'string' ? content : content.map((part) => ('text' in part ? part.text : '')).join('');
    return [{ role: entry.message.role, text }];
  });
}

describe('channel router: a message in, the agent, the reply out', () => {
  it('a DM is stored durably before the platform is acknowledged, answered by the agent, and the reply goes to the same chat', async () => {
    gateway = await startChannelTestGateway();
    const { platform } = gateway;
    platform.inject('default', { chatId: '7', senderId: '7', text: 'hello bot' });
    await platform.waitFor(() => platform.pending() === 0);
    // Acknowledged means journaled: the text is on disk already.
    expect(await readFile(join(gateway.stateDir, 'channels', 'inbound-journal.jsonl'), 'utf8')).toContain('hello bot');
    const reply = await platform.waitFor(() => platform.sent.find((message) => message.text === 'echo: hello bot'));
    expect(reply).toMatchObject({ chatId: '7', accountId: 'default' });
    expect(reply.replyToMessageId).toBeUndefined(); // DMs are not threaded replies
    expect(await transcript(gateway, 'agent:main:main')).toEqual([
      { role: 'user', text: 'hello bot' },
      { role: 'assistant', text: 'echo: hello bot' },
    ]);
    expect(platform.typing.some((typing) => typing.chatId === '7')).toBe(true);
  });

  it('a redelivered message (same chat and message id) is answered once', async () => {
    gateway = await startChannelTestGateway();
    const { platform } = gateway;
    platform.inject('default', { chatId: '7', senderId: '7', text: 'once', messageId: 'm1' });
    await platform.waitFor(() => platform.sent.length === 1);
    platform.inject('default', { chatId: '7', senderId: '7', text: 'once', messageId: 'm1' });
    platform.inject('default', { chatId: '7', senderId: '7', text: 'twice', messageId: 'm2' });
    await platform.waitFor(() => platform.sent.length === 2);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(platform.sent.map((message) => message.text)).toEqual(['echo: once', 'echo: twice']);
    expect(gateway.model.calls).toHaveLength(2);
  });

  it('messages of one session are answered in order, one run at a time; other sessions run alongside', async () => {
    const running = new Set<string>();
    let overlap = false;
    gateway = await startChannelTestGateway({
      config: { session: { dmScope: 'per-peer' } },
      stream: async (call) => {
        const text = lastUserText(call);
        const session = text.split(':')[0] as string;
        if (running.has(session)) overlap = true;
        running.add(session);
        await new Promise((resolve) => setTimeout(resolve, 30));
        running.delete(session);
        return { parts: textStreamParts(`re ${text}`) };
      },
    });
    const { platform } = gateway;
    for (const n of [1, 2, 3]) platform.inject('default', { chatId: 'a', senderId: 'a', text: `a:${n}` });
    platform.inject('default', { chatId: 'b', senderId: 'b', text: 'b:1' });
    await platform.waitFor(() => platform.sent.length === 4);
    expect(overlap).toBe(false);
    expect(platform.sent.filter((message) => message.chatId === 'a').map((message) => message.text)).toEqual(['re a:1', 're a:2', 're a:3']);
    expect((await transcript(gateway, 'agent:main:direct:a')).filter((m) => m.role === 'user').map((m) => m.text)).toEqual(['a:1', 'a:2', 'a:3']);
  });

  it('groups: mention-gated, allowlisted, answered in the same thread as a reply; bindings pick the agent', async () => {
    gateway = await startChannelTestGateway({
      channel: { groups: { '-100': { requireMention: true } } },
      config: { agents: { list: [{ id: 'main', default: true }, { id: 'helper' }] } },
      bindings: [{ agentId: 'helper', match: { channel: 'fakechat', peer: { kind: 'group', id: '-100' } } }],
    });
    const { platform } = gateway;
    platform.inject('default', { chatId: '-100', type: 'group', senderId: '5', text: 'not for the bot', mentionsBot: false });
    platform.inject('default', { chatId: '-200', type: 'group', senderId: '5', text: 'other group', mentionsBot: true });
    const asked = platform.inject('default', { chatId: '-100', type: 'group', senderId: '5', text: '@bot help', mentionsBot: true, threadId: '77' });
    const reply = await platform.waitFor(() => platform.sent[0]);
    expect(reply).toMatchObject({ chatId: '-100', threadId: '77', replyToMessageId: asked, text: 'echo: @bot help' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(platform.sent).toHaveLength(1);
    expect(gateway.model.calls).toHaveLength(1);
    expect(await transcript(gateway, 'agent:helper:fakechat:group:-100:thread:77', 'helper')).toHaveLength(2);
  });

  it('a blocked sender (allowlist) is acknowledged and ignored: nothing reaches the agent, nothing is sent', async () => {
    gateway = await startChannelTestGateway({ channel: { dmPolicy: 'allowlist', allowFrom: ['1'] } });
    const { platform } = gateway;
    platform.inject('default', { chatId: '666', senderId: '666', text: 'let me in' });
    platform.inject('default', { chatId: '666', senderId: '666', text: 'bot', sender: { id: '666', isBot: true } });
    await platform.waitFor(() => platform.pending() === 0);
    platform.inject('default', { chatId: '1', senderId: '1', text: 'owner here' });
    await platform.waitFor(() => platform.sent.length === 1);
    expect(platform.sent.map((message) => message.text)).toEqual(['echo: owner here']);
    expect(gateway.model.calls).toHaveLength(1);
    expect(gateway.logger.lines.some((line) => line.message === 'inbound message dropped by access control' && line.fields['reason'] === 'dm-not-allowlisted')).toBe(true);
  });

  it('streams the reply by editing a draft where the channel can', async () => {
    gateway = await startChannelTestGateway({
      capabilities: { edit: true, streamingDrafts: true },
      stream: { parts: textStreamParts(['Thinking ', 'about ', 'it... ', 'done.']), delayMs: 30 },
    });
    const { platform } = gateway;
    platform.inject('default', { chatId: '7', senderId: '7', text: 'go' });
    await platform.waitFor(() => platform.sent[0]?.text === 'Thinking about it... done.' && platform.edits.length > 0);
    expect(platform.sent).toHaveLength(1);
    expect(platform.edits.at(-1)?.text).toBe('Thinking about it... done.');
  });

  it('a failed run is answered with an error notice instead of silence', async () => {
    gateway = await startChannelTestGateway({ stream: { error: new Error('model exploded') } });
    gateway.platform.inject('default', { chatId: '7', senderId: '7', text: 'hi' });
    const reply = await gateway.platform.waitFor(() => gateway?.platform.sent[0]);
    expect(reply.text).toMatch(/^⚠️ Sorry, I could not answer that: /);
  });

  it('webhook routes a channel registers are served on the gateway port, and removed when it stops', async () => {
    gateway = await startChannelTestGateway();
    const response = await fetch(`${gateway.httpUrl}/fakechat/default/hook`, { method: 'POST', body: JSON.stringify({ text: 'via webhook', chatId: '9', senderId: '9' }) });
    expect(response.status).toBe(200);
    await gateway.platform.waitFor(() => gateway?.platform.sent.find((message) => message.text === 'echo: via webhook'));
    await gateway.call('channels.stop', { channel: 'fakechat' });
    expect((await fetch(`${gateway.httpUrl}/fakechat/default/hook`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('channel router: durability across a restart', () => {
  it('a turn that finished before the crash but was not delivered: the reply is taken from the transcript, no new run', async () => {
    const first = await startChannelTestGateway({ noRunner: true });
    first.platform.inject('default', { chatId: '7', senderId: '7', text: 'what is 6x7?' });
    await first.platform.waitFor(() => first.platform.pending() === 0);
    await first.close({ keepState: true });
    // What the interrupted run had written before the crash: the message and the complete answer.
    const store = new FileSessionStore({ stateDir: first.stateDir });
    const at = Date.now();
    await store.append('agent:main:main', [
      { type: 'message', id: 'u1', parentId: null, timestamp: new Date(at).toISOString(), message: { role: 'user', content: [{ type: 'text', text: 'what is 6x7?' }], timestamp: at } },
      { type: 'message', id: 'a1', parentId: 'u1', timestamp: new Date(at).toISOString(), message: { role: 'assistant', content: [{ type: 'text', text: '42.' }], stopReason: 'stop', timestamp: at } },
    ]);
    await store.close();
    gateway = await startChannelTestGateway({ stateDir: first.stateDir, platform: first.platform });
    await gateway.platform.waitFor(() => gateway?.platform.sent[0]);
    expect(gateway.platform.sent.map((message) => message.text)).toEqual(['42.']);
    expect(gateway.model.calls).toHaveLength(0);
  });

  it('a message acknowledged but not answered when the gateway stopped is answered once after the restart', async () => {
    const first = await startChannelTestGateway({ noRunner: true });
    first.platform.inject('default', { chatId: '7', senderId: '7', text: 'survive this', messageId: 'm1' });
    await first.platform.waitFor(() => first.platform.pending() === 0);
    await first.close({ keepState: true });
    // The platform redelivers the same update too (as a real one may after a crash): it must not be answered twice.
    first.platform.inject('default', { chatId: '7', senderId: '7', text: 'survive this', messageId: 'm1' });
    gateway = await startChannelTestGateway({ stateDir: first.stateDir, platform: first.platform });
    const { platform } = gateway;
    await platform.waitFor(() => platform.sent.length === 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(platform.sent.map((message) => message.text)).toEqual(['echo: survive this']);
    expect(platform.pending()).toBe(0);
    expect(gateway.model.calls).toHaveLength(1);
  });
});
