import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import {
  AgentsListResultSchema,
  ChatHistoryResultSchema,
  HealthResultSchema,
  ModelsListResultSchema,
  SessionsCompactResultSchema,
  SessionsDeleteResultSchema,
  SessionsListResultSchema,
  SessionsPatchResultSchema,
  SessionsResetResultSchema,
  StatusResultSchema,
  type HelloOk,
} from '@rusty-claw/protocol';
import { mockResponses } from '@rusty-claw/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { isTerminalChat, mockModel, startAgentGateway, type AgentGateway, type RecordingClient } from './testing/start-agent-gateway.js';

async function chat(client: RecordingClient, sessionKey: string, message: string, runId: string): Promise<void> {
  await client.client.request('chat.send', { sessionKey, message, idempotencyKey: runId });
  await client.waitForEvent(isTerminalChat(runId));
}

describe('sessions.*, models.list, agents.list, hello-ok, health/status', () => {
  let env: AgentGateway | undefined;
  afterEach(async () => {
    await env?.close();
    env = undefined;
  });

  it('hello-ok advertises the runtime methods and the chat/agent events; health and status count the sessions', async () => {
    env = await startAgentGateway({ models: { 'mock/one': mockModel({ stream: mockResponses.text('hi') }) } });
    const admin = await env.client();
    const hello = admin.client.hello as HelloOk;
    for (const method of ['chat.send', 'chat.history', 'chat.abort', 'agent', 'agent.wait', 'sessions.list', 'sessions.patch', 'sessions.reset', 'sessions.delete', 'sessions.compact', 'models.list', 'agents.list']) {
      expect(hello.features.methods).toContain(method);
    }
    expect(hello.features.events).toEqual(expect.arrayContaining(['chat', 'agent']));
    expect(hello.snapshot.sessionDefaults).toMatchObject({ defaultAgentId: 'main', mainSessionKey: 'agent:main:main' });

    await chat(admin, 'main', 'hello', 'h-1');
    await chat(admin, 'agent:main:side', 'hello side', 'h-2');
    const health = HealthResultSchema.parse(await admin.client.request('health', { probe: true }));
    expect(health.sessions.count).toBe(2);
    expect(health.sessions.recent.map((row) => row.key).sort()).toEqual(['agent:main:main', 'agent:main:side']);
    const status = StatusResultSchema.parse(await admin.client.request('status', {}));
    expect(status.sessions.count).toBe(2);
    expect(status.sessions.recent.map((row) => row.key).sort()).toEqual(['agent:main:main', 'agent:main:side']);
  });

  it('sessions.list rows, patch (thinking, model override, label), reset (archived), delete (main refused), compact (maxLines)', async () => {
    const one = mockModel({ provider: 'mock', modelId: 'one', stream: () => mockResponses.text('from one') });
    const two = mockModel({ provider: 'mock', modelId: 'two', stream: () => mockResponses.text('from two') });
    env = await startAgentGateway({ models: { 'mock/one': one, 'mock/two': two } });
    const admin = await env.client();
    await chat(admin, 'main', 'first', 's-1');
    await chat(admin, 'agent:main:other', 'second', 's-2');

    const list = SessionsListResultSchema.parse(await admin.client.request('sessions.list', { includeLastMessage: true, includeDerivedTitles: true }));
    expect(list.count).toBe(2);
    expect(list.defaults).toMatchObject({ modelProvider: 'mock', model: 'one', contextTokens: 100_000 });
    const main = list.sessions.find((row) => row.key === 'agent:main:main');
    expect(main).toMatchObject({ kind: 'direct', hasActiveRun: false, lastMessagePreview: 'from one', derivedTitle: 'first', model: 'one', modelProvider: 'mock' });
    expect(SessionsListResultSchema.parse(await admin.client.request('sessions.list', { search: 'other' })).sessions.map((row) => row.key)).toEqual(['agent:main:other']);

    const patched = SessionsPatchResultSchema.parse(await admin.client.request('sessions.patch', { key: 'main', label: 'Main chat', thinkingLevel: 'high', model: 'mock/two' }));
    expect(patched).toMatchObject({ key: 'agent:main:main', entry: { label: 'Main chat', thinkingLevel: 'high', providerOverride: 'mock', modelOverride: 'two' }, resolved: { modelProvider: 'mock', model: 'two' } });
    await chat(admin, 'main', 'again', 's-3');
    expect(two.calls).toHaveLength(1);
    expect(two.calls[0]?.thinking).toBe('high');
    await expect(admin.client.request('sessions.patch', { key: 'main', thinkingLevel: 'extreme' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(admin.client.request('sessions.patch', { key: 'main', model: 'nowhere/model' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('nowhere') });
    const cleared = SessionsPatchResultSchema.parse(await admin.client.request('sessions.patch', { key: 'main', model: null, label: null }));
    expect(cleared.entry).not.toHaveProperty('modelOverride');
    expect(cleared.entry).not.toHaveProperty('label');

    const compacted = SessionsCompactResultSchema.parse(await admin.client.request('sessions.compact', { key: 'main', maxLines: 2 }));
    expect(compacted).toMatchObject({ ok: true, compacted: true, kept: 2 });
    const afterCompact = ChatHistoryResultSchema.parse(await admin.client.request('chat.history', { sessionKey: 'main' }));
    expect(afterCompact.messages.map((message) => message.role)).toEqual(['user', 'assistant']);

    const reset = SessionsResetResultSchema.parse(await admin.client.request('sessions.reset', { key: 'main', reason: 'new' }));
    expect(reset.entry).toMatchObject({ thinkingLevel: 'high' });
    expect(ChatHistoryResultSchema.parse(await admin.client.request('chat.history', { sessionKey: 'main' })).messages).toEqual([]);
    const sessionsDir = join(env.gateway.stateDir, 'agents', 'main', 'sessions');
    const files = await readdir(sessionsDir);
    expect(files.some((name) => name.includes('.jsonl.reset.'))).toBe(true);

    await expect(admin.client.request('sessions.delete', { key: 'main' })).rejects.toMatchObject({ message: 'Cannot delete the main session (agent:main:main).' });
    const deleted = SessionsDeleteResultSchema.parse(await admin.client.request('sessions.delete', { key: 'agent:main:other' }));
    expect(deleted).toMatchObject({ ok: true, key: 'agent:main:other', deleted: true });
    expect(deleted.archived[0]).toMatch(/\.jsonl\.deleted\./);
    expect(SessionsListResultSchema.parse(await admin.client.request('sessions.list', {})).sessions.map((row) => row.key)).toEqual(['agent:main:main']);
  });

  it('chat.history reads the tail of a long transcript, and stays right after a reset renumbers it', async () => {
    env = await startAgentGateway({ models: { 'mock/one': mockModel({ stream: () => mockResponses.text('ok') }) } });
    const admin = await env.client();
    for (let i = 0; i < 40; i++) await chat(admin, 'main', `message ${i}`, `tail-${i}`);
    const tail = ChatHistoryResultSchema.parse(await admin.client.request('chat.history', { sessionKey: 'main', limit: 3 }));
    expect(tail.messages.map((message) => [message.role, message.__openclaw?.seq])).toEqual([
      ['assistant', 78],
      ['user', 79],
      ['assistant', 80],
    ]);
    expect(tail.messages[1]?.content).toEqual([{ type: 'text', text: 'message 39' }]);
    await admin.client.request('sessions.reset', { key: 'main' });
    await chat(admin, 'main', 'after reset', 'tail-reset');
    const fresh = ChatHistoryResultSchema.parse(await admin.client.request('chat.history', { sessionKey: 'main', limit: 1 }));
    expect(fresh.messages.map((message) => [message.role, message.__openclaw?.seq, (message.content as Array<{ text: string }>)[0]?.text])).toEqual([['assistant', 2, 'ok']]);
    const all = ChatHistoryResultSchema.parse(await admin.client.request('chat.history', { sessionKey: 'main' }));
    expect(all.messages).toHaveLength(2);
  });

  it('scopes: a read-only client lists but cannot patch or send; an unknown agent is refused', async () => {
    env = await startAgentGateway({ models: { 'mock/one': mockModel({ stream: mockResponses.text('hi') }) } });
    const reader = await env.client({ scopes: ['operator.read'] });
    expect(SessionsListResultSchema.parse(await reader.client.request('sessions.list', {})).sessions).toEqual([]);
    await expect(reader.client.request('sessions.patch', { key: 'main', label: 'x' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(reader.client.request('chat.send', { sessionKey: 'main', message: 'x', idempotencyKey: 'k' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const writer = await env.client({ scopes: ['operator.write'] });
    await expect(writer.client.request('chat.send', { sessionKey: 'agent:ghost:main', message: 'x', idempotencyKey: 'k' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining('unknown agent id "ghost"'),
    });
  });

  it('models.list and agents.list follow the config', async () => {
    env = await startAgentGateway({
      models: { 'mock/one': mockModel({ stream: mockResponses.text('hi') }), 'mock/two': mockModel({ stream: mockResponses.text('hi') }) },
      configInput: { agents: { defaults: { model: { primary: 'mock/one', fallbacks: ['mock/two'] } }, list: [{ id: 'ops', name: 'Ops', default: true }, { id: 'main' }] } },
    });
    const reader = await env.client({ scopes: ['operator.read'] });
    const models = ModelsListResultSchema.parse(await reader.client.request('models.list', {}));
    expect(models.models).toEqual([
      { id: 'one', name: 'one', provider: 'mock', contextWindow: 100_000 },
      { id: 'two', name: 'two', provider: 'mock', contextWindow: 100_000 },
    ]);
    const agents = AgentsListResultSchema.parse(await reader.client.request('agents.list', {}));
    expect(agents).toMatchObject({ defaultId: 'ops', mainKey: 'main', scope: 'per-sender' });
    expect(agents.agents.map((agent) => [agent.id, agent.name, agent.model?.primary, agent.model?.fallbacks])).toEqual([
      ['ops', 'Ops', 'mock/one', ['mock/two']],
      ['main', undefined, 'mock/one', ['mock/two']],
    ]);
  });
});
