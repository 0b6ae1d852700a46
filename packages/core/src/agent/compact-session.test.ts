import { ProviderError, type TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { createMemorySessionStore, MockLanguageModel, mockResponses } from '@rusty-claw/testkit';
import { describe, expect, test } from 'vitest';
import { compactSession, type Summarize } from './compact-session.js';
import { runAgent } from './run-agent.js';
import { buildSessionContext } from './session-context.js';
import { candidate, eventLog, readEntries } from './testing/agent-test-helpers.js';

const key = 'agent:main:main';
let counter = 0;
const id = () => `id-${++counter}`;

function turn(index: number, size = 400): TranscriptEntry[] {
  const user: TranscriptEntry = { type: 'message', id: `u${index}`, parentId: index === 0 ? null : `a${index - 1}`, timestamp: '2026-11-25T12:00:00.000Z', message: { role: 'user', content: [{ type: 'text', text: `question ${index} ${'q'.repeat(size)}` }], timestamp: index } };
  const assistant: TranscriptEntry = {
    type: 'message',
    id: `a${index}`,
    parentId: `u${index}`,
    timestamp: '2026-11-25T12:00:00.000Z',
    message: { role: 'assistant', content: [{ type: 'text', text: `answer ${index} ${'a'.repeat(size)}` }], provider: 'mock', model: 'm', stopReason: 'stop', timestamp: index },
  };
  return [user, assistant];
}

async function seeded(turns: number) {
  const store = createMemorySessionStore();
  const entries = Array.from({ length: turns }, (_, index) => turn(index)).flat();
  await store.append(key, [{ type: 'thinking_level_change', id: 'tl', parentId: null, timestamp: '2026-11-25T12:00:00.000Z', thinkingLevel: 'high' }]);
  const chained = entries.map((entry, index) => ({ ...entry, parentId: index === 0 ? 'tl' : (entries[index - 1] as TranscriptEntry).id }));
  await store.append(key, chained);
  return store;
}

describe('compactSession', () => {
  test('summarizes older turns, keeps recent ones verbatim, writes an OpenClaw compaction entry and archives everything', async () => {
    const store = await seeded(10); // ~200 tokens per turn
    const prompts: string[] = [];
    const summarize: Summarize = async ({ prompt }) => {
      prompts.push(prompt);
      return 'They asked ten questions.';
    };
    const result = await compactSession({ store, sessionKey: key, summarize, keepRecentTokens: 450, generateId: id });
    expect(result).toMatchObject({ compacted: true, summary: 'They asked ten questions.', firstKeptEntryId: 'u7', summarizedEntries: 14 });
    expect(prompts).toHaveLength(1);
    expect(prompts[0]).toContain('[User]: question 0');
    expect(prompts[0]).toContain('[Assistant]: answer 6');
    expect(prompts[0]).not.toContain('question 7');

    const entries = await readEntries(store, key);
    expect(entries.map((entry) => entry.id)).toEqual(['tl', 'u7', 'a7', 'u8', 'a8', 'u9', 'a9', result.entries.at(-1)?.id]);
    expect(entries.map((entry) => entry.parentId)).toEqual([null, 'tl', 'u7', 'a7', 'u8', 'a8', 'u9', 'a9']);
    expect(entries.at(-1)).toEqual({
      type: 'compaction',
      id: expect.any(String),
      parentId: 'a9',
      timestamp: expect.any(String),
      summary: 'They asked ten questions.',
      firstKeptEntryId: 'u7',
      tokensBefore: result.tokensBefore,
      details: { rustyClaw: { summarizedEntries: 14, keptEntries: 6 } },
    });
    expect(store.archived(key)).toHaveLength(1);
    expect(store.archived(key)[0]).toHaveLength(21); // the full transcript, nothing deleted
    expect((await store.get(key))?.meta).toMatchObject({ compactionCount: 1 });

    const context = buildSessionContext(entries);
    expect(context[0]).toMatchObject({ role: 'user', content: [{ text: expect.stringContaining('<summary>\nThey asked ten questions.\n</summary>') }] });
    expect(context.slice(1).map((message) => (message.content as Array<{ text: string }>)[0]?.text.slice(0, 10))).toEqual(['question 7', 'answer 7 a', 'question 8', 'answer 8 a', 'question 9', 'answer 9 a']);
  });

  test('a second compaction folds the previous summary in', async () => {
    const store = await seeded(10);
    await compactSession({ store, sessionKey: key, summarize: async () => 'first summary', keepRecentTokens: 450, generateId: id });
    const more = turn(10).map((entry, index) => (index === 0 ? { ...entry, parentId: 'x' } : entry));
    const last = (await readEntries(store, key)).at(-1) as TranscriptEntry;
    await store.append(key, [{ ...(more[0] as TranscriptEntry), parentId: last.id }, more[1] as TranscriptEntry]);
    const prompts: string[] = [];
    const result = await compactSession({ store, sessionKey: key, summarize: async ({ prompt }) => (prompts.push(prompt), 'second summary'), keepRecentTokens: 200, generateId: id });
    expect(result.compacted).toBe(true);
    expect(prompts[0]).toContain('<summary>\nfirst summary\n</summary>');
    const entries = await readEntries(store, key);
    expect(entries.filter((entry) => entry.type === 'compaction')).toHaveLength(1);
    expect(buildSessionContext(entries)[0]).toMatchObject({ content: [{ text: expect.stringContaining('second summary') }] });
  });

  test('a long history is summarized in rolling chunks', async () => {
    const store = await seeded(12);
    const prompts: string[] = [];
    await compactSession({ store, sessionKey: key, summarize: async ({ prompt }) => (prompts.push(prompt), `summary ${prompts.length}`), keepRecentTokens: 100, maxChunkChars: 2_000, generateId: id });
    expect(prompts.length).toBeGreaterThan(2);
    expect(prompts[1]).toContain('<summary>\nsummary 1\n</summary>');
    expect(prompts.every((prompt) => prompt.length < 2_600)).toBe(true);
  });

  test('a failed summary leaves the transcript untouched, and a retry works', async () => {
    const store = await seeded(6);
    const before = await readEntries(store, key);
    const version = (await store.get(key))?.version;
    await expect(compactSession({ store, sessionKey: key, summarize: async () => Promise.reject(new Error('model down')), keepRecentTokens: 100 })).rejects.toMatchObject({ code: 'AGENT_COMPACTION_FAILED' });
    await expect(compactSession({ store, sessionKey: key, summarize: async () => '  ', keepRecentTokens: 100 })).rejects.toThrow(/empty summary/);
    expect(await readEntries(store, key)).toEqual(before);
    expect((await store.get(key))?.version).toBe(version);
    expect((await compactSession({ store, sessionKey: key, summarize: async () => 'ok', keepRecentTokens: 100 })).compacted).toBe(true);
  });

  test('only the current turn: nothing to compact', async () => {
    const store = await seeded(1);
    const result = await compactSession({ store, sessionKey: key, summarize: async () => 'x', keepRecentTokens: 10 });
    expect(result).toMatchObject({ compacted: false, reason: expect.stringMatching(/nothing to summarize/) });
  });
});

describe('compaction in a run', () => {
  test('the estimate triggers compaction before sending when the prompt nears the context window', async () => {
    const store = await seeded(20); // ~4,000 tokens of history
    const model = new MockLanguageModel({
      stream: (options) =>
        options.prompt[0]?.role === 'system' && options.prompt[0].content.startsWith('You summarize') ? mockResponses.text('the summary') : mockResponses.text('answer'),
    });
    const log = eventLog();
    const result = await runAgent({
      sessionStore: store,
      sessionKey: key,
      message: 'next question',
      models: [candidate(model, { contextWindow: 3_000 })],
      compaction: { reserveTokens: 500, keepRecentTokens: 600 },
      onEvent: log.onEvent,
    });
    expect(result).toMatchObject({ status: 'ok', text: 'answer' });
    expect(log.of('compaction').map((event) => (event.data as { phase: string }).phase)).toEqual(['start', 'end']);
    const answerPrompt = model.prompt();
    expect(answerPrompt[0]).toMatchObject({ role: 'user', content: [{ text: expect.stringContaining('the summary') }] });
    expect(answerPrompt.at(-1)).toMatchObject({ role: 'user', content: [{ text: 'next question' }] });
    expect(store.archived(key)[0]?.length).toBe(42);
    const entries = await readEntries(store, key);
    expect(entries.at(-1)).toMatchObject({ type: 'message', message: { role: 'assistant' } });
    expect(entries.filter((entry) => entry.type === 'compaction')).toHaveLength(1);
  });

  test('a context-length error compacts and retries once; a second one is surfaced', async () => {
    const overflow = () => new ProviderError('prompt is too long', { kind: 'context_length', provider: 'mock', statusCode: 400 });
    const store = await seeded(8);
    let answers = 0;
    const model = new MockLanguageModel({
      stream: (options) => {
        if (options.prompt[0]?.role === 'system') return mockResponses.text('summary');
        return answers++ === 0 ? mockResponses.error(overflow()) : mockResponses.text('fits now');
      },
    });
    const log = eventLog();
    const ok = await runAgent({ sessionStore: store, sessionKey: key, message: 'q', models: [candidate(model)], compaction: { keepRecentTokens: 300 }, onEvent: log.onEvent });
    expect(ok).toMatchObject({ status: 'ok', text: 'fits now', iterations: 1 });
    expect(log.of('lifecycle', 'failover')[0]?.data).toMatchObject({ decision: 'compact', errorKind: 'context_length' });

    const always = new MockLanguageModel({ stream: (options) => (options.prompt[0]?.role === 'system' ? mockResponses.text('s') : mockResponses.error(overflow())) });
    const store2 = await seeded(8);
    const failed = await runAgent({ sessionStore: store2, sessionKey: key, message: 'q', models: [candidate(always)], compaction: { keepRecentTokens: 300 } });
    expect(failed).toMatchObject({ status: 'error', error: { kind: 'context_length', code: 'AGENT_MODEL_FAILED' } });
  });
});
