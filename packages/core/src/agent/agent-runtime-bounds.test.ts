import { getEventListeners } from 'node:events';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Provider } from '@rusty-claw/plugin-sdk';
import { createMemorySessionStore, MockLanguageModel, mockResponses } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ModelRegistry } from '../models/model-registry.js';
import { FileSessionStore } from '../session/file-session-store.js';
import { makeTempDir } from '../testing/temp-dir.js';
import type { AgentRunEvent } from './agent-run-event.js';
import { AgentRuntime, type AgentRuntimeOptions } from './agent-runtime.js';
import { readMessages } from './testing/agent-test-helpers.js';

const config = { agents: { defaults: { model: { primary: 'fake/big' } } } };

function models(reply: (index: number) => string): { registry: ModelRegistry; model: () => MockLanguageModel | undefined } {
  let model: MockLanguageModel | undefined;
  const provider: Provider = {
    specificationVersion: 'v1',
    id: 'fake',
    languageModel: (modelId) => (model ??= new MockLanguageModel({ provider: 'fake', modelId, stream: (_options, index) => mockResponses.text(reply(index)) })),
  };
  const registry = new ModelRegistry({ providers: { fake: { baseUrl: 'http://127.0.0.1:9', api: 'openai-completions', models: [{ id: 'big', name: 'Big' }] } }, factories: { 'openai-completions': () => provider } });
  return { registry, model: () => model };
}

describe('AgentRuntime: bounded memory, per-run listener, extra system prompt, re-sent messages', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtimes: AgentRuntime[];
  const open = (options: Partial<AgentRuntimeOptions> & { reply?: (index: number) => string } = {}) => {
    const { registry, model } = models(options.reply ?? ((index) => `reply ${index}`));
    const runtime = new AgentRuntime({ config, stateDir: temp.dir, models: registry, ...options });
    runtimes.push(runtime);
    return { runtime, model };
  };
  beforeEach(async () => {
    temp = await makeTempDir();
    runtimes = [];
  });
  afterEach(async () => {
    for (const runtime of runtimes) await runtime.close();
    await temp.cleanup();
  });

  test('2,000 turns over 20 sessions: finished runs, cached transcripts, the inbox file and signal listeners stay bounded', async () => {
    const store = createMemorySessionStore();
    const { runtime } = open({
      openSessionStore: () => store,
      finishedRuns: { maxCount: 100 },
      historyCache: { maxSessions: 8, maxTotalBytes: 200 * 1024 },
      reply: (index) => `reply ${index} ${'x'.repeat(200)}`,
    });
    const shared = new AbortController(); // one long-lived signal, as a connection would pass
    let peakHistoryBytes = 0;
    for (let n = 0; n < 2_000; n++) {
      const result = await runtime.send({ sessionKey: `s${n % 20}`, runId: `run-${n}`, message: `message ${n}`, signal: shared.signal }).result;
      expect(result.status).toBe('ok');
      peakHistoryBytes = Math.max(peakHistoryBytes, runtime.stats().historyBytes);
    }
    await new Promise((resolve) => setImmediate(resolve)); // the last run's bookkeeping settles after its result
    const stats = runtime.stats();
    expect(stats.running).toBe(0);
    expect(stats.finished).toBe(100);
    expect(stats.historySessions).toBeLessThanOrEqual(8);
    expect(stats.historySessions).toBeGreaterThan(0);
    expect(peakHistoryBytes).toBeLessThanOrEqual(200 * 1024);
    expect(stats.historyBytes).toBeGreaterThan(0);
    expect(getEventListeners(shared.signal, 'abort')).toHaveLength(0);
    // The oldest summaries are gone; the newest holds what agent.wait needs, not the transcript.
    expect(await runtime.wait('run-0', 0)).toBeUndefined();
    const last = await runtime.wait('run-1999', 0);
    expect(last).toMatchObject({ runId: 'run-1999', status: 'ok', text: expect.stringMatching(/^reply \d+ x+$/), usage: { calls: 1 } });
    expect(last && Object.keys(last).sort()).toEqual(['endedAt', 'model', 'runId', 'sessionKey', 'sessionVersion', 'startedAt', 'status', 'stopReason', 'text', 'usage']);
    // The inbox is compacted as it goes: 4,000 lines were written, far fewer remain.
    const inbox = await readFile(join(temp.dir, 'agents', 'main', 'sessions', 'inbox.jsonl'), 'utf8');
    expect(inbox.split('\n').length).toBeLessThan(2_100);
    expect(inbox.split('\n').length).toBeGreaterThan(1);
  }, 9_000);

  test('finished-run summaries expire by age', async () => {
    let now = 1_000_000;
    const { runtime } = open({ now: () => now, finishedRuns: { maxAgeMs: 60_000 } });
    await runtime.send({ runId: 'old', message: 'hi' }).result;
    expect(await runtime.wait('old', 0)).toMatchObject({ status: 'ok' });
    now += 61_000;
    await runtime.send({ runId: 'new', message: 'hi' }).result;
    expect(await runtime.wait('old', 0)).toBeUndefined();
    expect(runtime.stats().finished).toBe(1);
  });

  test('a transcript larger than the per-session byte bound is not cached', async () => {
    const { runtime } = open({ historyCache: { maxSessionBytes: 2_000 } });
    await runtime.send({ message: 'small' }).result;
    expect(runtime.stats().historySessions).toBe(1);
    await runtime.send({ message: 'y'.repeat(5_000) }).result;
    expect(runtime.stats()).toMatchObject({ historySessions: 0, historyBytes: 0 });
  });

  test('onEvent streams this run’s events only; extraSystemPrompt is appended to the system prompt and survives recovery', async () => {
    const { runtime, model } = open();
    const events: AgentRunEvent[] = [];
    const first = runtime.send({ runId: 'a', message: 'one', extraSystemPrompt: 'Answer in French.', onEvent: (event) => events.push(event) });
    const second = runtime.send({ runId: 'b', message: 'two' });
    await Promise.all([first.result, second.result]);
    expect(new Set(events.map((event) => event.runId))).toEqual(new Set(['a']));
    expect(events.map((event) => event.stream)).toEqual(['lifecycle', 'assistant', 'lifecycle']);
    expect(events.at(1)).toMatchObject({ stream: 'assistant', data: { text: 'reply 0' } });
    const [withExtra, without] = model()?.calls ?? [];
    const systemOf = (call: typeof withExtra) => (call?.prompt[0]?.role === 'system' ? call.prompt[0].content : '');
    expect(systemOf(withExtra)).toMatch(/Rusty Claw[\s\S]*\n\nAnswer in French\.$/);
    expect(systemOf(without)).not.toContain('Answer in French.');
    const stored = await readFile(join(temp.dir, 'agents', 'main', 'sessions', 'inbox.jsonl'), 'utf8');
    expect(stored).toContain('"extraSystemPrompt":"Answer in French."');
  });

  test('the system prompt (workspace files) is reused for systemPromptCacheMs, then read again', async () => {
    let now = 1_000_000;
    const { runtime, model } = open({ now: () => now, systemPromptCacheMs: 1_000 });
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(temp.dir, 'workspace'), { recursive: true });
    await writeFile(join(temp.dir, 'workspace', 'SOUL.md'), 'first soul');
    await runtime.send({ message: 'a' }).result;
    await writeFile(join(temp.dir, 'workspace', 'SOUL.md'), 'second soul');
    await runtime.send({ message: 'b' }).result;
    now += 1_000;
    await runtime.send({ message: 'c' }).result;
    const systems = (model()?.calls ?? []).map((call) => (call.prompt[0]?.role === 'system' ? call.prompt[0].content : ''));
    expect(systems.map((system) => (system.includes('first soul') ? 1 : system.includes('second soul') ? 2 : 0))).toEqual([1, 1, 2]);
  });

  test('a re-sent message whose entry id is already in the transcript is not stored twice', async () => {
    const { runtime } = open();
    await runtime.send({ sessionKey: 'main', message: 'hello', entryId: 'inbound-42' }).result;
    // The same inbound message again (a channel redelivered it after a restart): answered, not duplicated.
    const again = await runtime.send({ sessionKey: 'main', message: 'hello', entryId: 'inbound-42' }).result;
    expect(again.status).toBe('ok');
    const messages = await readMessages(runtime.sessionStore('main'), 'agent:main:main');
    expect(messages.map((message) => message['role'])).toEqual(['user', 'assistant', 'assistant']);
  });

  test('recover re-runs a message whose user entry reached the transcript but was never answered, without appending it again', async () => {
    // The state a kill -9 leaves after the user append, before any answer, with the unsynced `started` marker lost.
    const store = new FileSessionStore({ stateDir: temp.dir, agentId: 'main' });
    await store.append('agent:main:main', [{ type: 'message', id: 'entry-1', parentId: null, timestamp: new Date(0).toISOString(), message: { role: 'user', content: [{ type: 'text', text: 'lost answer' }], timestamp: 0 } }]);
    await store.close();
    const line = { op: 'queued', runId: 'run-1', sessionKey: 'agent:main:main', entryId: 'entry-1', request: { message: 'lost answer' }, acceptedAt: 0 };
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(temp.dir, 'agents', 'main', 'sessions', 'inbox.jsonl'), `${JSON.stringify(line)}\n`);

    const { runtime } = open({ reply: () => 'answered now' });
    const events: AgentRunEvent[] = [];
    const recovered = await runtime.recover(undefined, { onEvent: (event) => events.push(event) });
    expect(recovered.map((handle) => handle.runId)).toEqual(['run-1']);
    expect((await recovered[0]?.result)?.text).toBe('answered now');
    expect(events.at(0)).toMatchObject({ stream: 'lifecycle', data: { phase: 'start', userEntryId: 'entry-1' } });
    const messages = await readMessages(runtime.sessionStore('main'), 'agent:main:main');
    expect(messages.map((message) => [message['role'], (message['content'] as Array<{ text: string }>)[0]?.text])).toEqual([
      ['user', 'lost answer'],
      ['assistant', 'answered now'],
    ]);
    expect(await runtime.recover()).toEqual([]);
    expect((await stat(join(temp.dir, 'agents', 'main', 'sessions', 'inbox.jsonl'))).size).toBeGreaterThan(0);
  });
});
