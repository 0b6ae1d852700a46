import { randomUUID } from 'node:crypto';
import type { AgentRunEvent } from '@rusty-claw/core';
import { textStreamParts } from '@rusty-claw/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { mockModel, startAgentGateway, type AgentGateway } from '../agent/testing/start-agent-gateway.js';
import type { RoutedInbound } from './agent-runner.js';
import { createAgentRuntimeRunner } from './agent-runtime-runner.js';
import { inboundEntryId } from './inbound-entry-id.js';

const SESSION = 'agent:main:fakechat:direct:7';

function inbound(text: string, messageId: string): RoutedInbound {
  const message = { channel: 'fakechat', accountId: 'default', chat: { id: '7' }, messageId };
  return { id: randomUUID(), entryId: inboundEntryId(message), agentId: 'main', sessionKey: SESSION, channel: 'fakechat', accountId: 'default', chatId: '7', chatType: 'direct', senderId: '7', text, images: [] };
}

function userTexts(entries: Array<{ type: string; message?: { role: string; content: unknown } }>): string[] {
  return entries.flatMap((entry) =>
    entry.type === 'message' && entry.message?.role === 'user'
      ? [typeof entry.message.content === 'string' ? entry.message.content : (entry.message.content as Array<{ text?: string }>).map((part) => part.text ?? '').join('')]
      : [],
  );
}

describe('createAgentRuntimeRunner (channel turns on the gateway agent runtime)', () => {
  let env: AgentGateway | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('hands the run its assistant events as they stream (the drafts) and stores the user entry under the derived id', async () => {
    const model = mockModel({ stream: { parts: textStreamParts(['Thinking ', 'about ', 'it.']), delayMs: 5 } });
    env = await startAgentGateway({ models: { 'mock/agent': model } });
    const runner = createAgentRuntimeRunner(env.gateway.server.ctx.agents);
    const events: AgentRunEvent[] = [];
    const message = inbound('go', '100');
    const outcome = await runner.enqueue(SESSION, message, { signal: new AbortController().signal, onEvent: (event) => events.push(event) });
    expect(outcome).toMatchObject({ status: 'ok', text: 'Thinking about it.' });
    // Every delta, in order, each with the text so far: no polling, nothing coalesced away.
    const assistant = events.filter((event) => event.stream === 'assistant').map((event) => (event.data as { text: string }).text);
    expect(assistant).toEqual(['Thinking ', 'Thinking about ', 'Thinking about it.']);
    expect(events.find((event) => event.stream === 'lifecycle')?.data).toMatchObject({ phase: 'start', userEntryId: message.entryId });
    const entries = [];
    for await (const entry of (await env.gateway.server.ctx.agents.store('main')).read(SESSION)) entries.push(entry);
    expect(entries.find((entry) => entry.type === 'message' && entry.message.role === 'user')?.id).toBe(message.entryId);
  });

  it('a re-run of a message whose entry a crash left in the transcript continues from it instead of storing it again', async () => {
    const model = mockModel({ stream: { parts: textStreamParts(['Recovered.']) } });
    env = await startAgentGateway({ models: { 'mock/agent': model } });
    const agents = env.gateway.server.ctx.agents;
    const message = inbound('please survive a crash', '200');
    // What the interrupted run left: the user entry, no answer.
    const store = await agents.store('main');
    await store.append(SESSION, [{ type: 'message', id: message.entryId, parentId: null, timestamp: new Date().toISOString(), message: { role: 'user', content: message.text, timestamp: Date.now() } }]);
    const outcome = await createAgentRuntimeRunner(agents).enqueue(SESSION, message, { signal: new AbortController().signal, onEvent: () => undefined });
    expect(outcome).toMatchObject({ status: 'ok', text: 'Recovered.' });
    const entries = [];
    for await (const entry of store.read(SESSION)) entries.push(entry);
    expect(userTexts(entries)).toEqual(['please survive a crash']);
    expect(model.calls).toHaveLength(1);
    expect(model.prompt(0).filter((part) => part.role === 'user')).toHaveLength(1);
  });
});
