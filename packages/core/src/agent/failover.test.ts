import { ProviderError, type LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';
import { createMemorySessionStore, MockLanguageModel, mockResponses, textStreamParts } from '@rusty-claw/testkit';
import { describe, expect, test } from 'vitest';
import { ModelHealth } from '../models/model-health.js';
import { runAgent } from './run-agent.js';
import { candidate, eventLog, readMessages } from './testing/agent-test-helpers.js';

const key = 'agent:main:main';
const error = (kind: ConstructorParameters<typeof ProviderError>[1]['kind'], extra: Partial<ConstructorParameters<typeof ProviderError>[1]> = {}) =>
  new ProviderError(`${kind} failure`, { kind, provider: 'anthropic', modelId: 'primary', ...extra });

function setup(now = { value: 1_000_000 }) {
  const health = new ModelHealth({ now: () => now.value });
  const store = createMemorySessionStore({ now: () => now.value });
  return { health, store, now };
}

describe('failover', () => {
  test('an overloaded primary moves to the fallback, cools down, and the next run skips it', async () => {
    const { health, store, now } = setup();
    const primary = new MockLanguageModel({ provider: 'anthropic', modelId: 'primary', stream: mockResponses.error(error('overloaded', { statusCode: 529 })) });
    const fallback = new MockLanguageModel({ provider: 'openai', modelId: 'fallback', stream: mockResponses.text('from fallback') });
    const models = [candidate(primary), candidate(fallback)];
    const log = eventLog();
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'hi', models, health, onEvent: log.onEvent, now: () => now.value });
    expect(result).toMatchObject({ status: 'ok', text: 'from fallback', model: { ref: 'openai/fallback' } });
    expect(log.of('lifecycle', 'failover').map((event) => event.data)).toEqual([
      { phase: 'failover', decision: 'next', ref: 'anthropic/primary', errorKind: 'overloaded', statusCode: 529, reason: 'overloaded failure', cooldownUntil: now.value + 30_000 },
    ]);
    expect(log.of('lifecycle', 'fallback')[0]?.data).toEqual({
      phase: 'fallback',
      selectedProvider: 'anthropic',
      selectedModel: 'primary',
      activeProvider: 'openai',
      activeModel: 'fallback',
      reasonSummary: 'anthropic/primary: overloaded',
      attempts: [{ ref: 'anthropic/primary', kind: 'overloaded', message: 'overloaded failure', statusCode: 529 }],
    });
    expect((await readMessages(store, key)).at(-1)).toMatchObject({ role: 'assistant', provider: 'openai', model: 'fallback' });

    const second = eventLog();
    await runAgent({ sessionStore: store, sessionKey: key, message: 'again', models, health, onEvent: second.onEvent, now: () => now.value });
    expect(primary.calls).toHaveLength(1);
    expect(second.of('lifecycle', 'failover')[0]?.data).toMatchObject({ decision: 'skip', ref: 'anthropic/primary', reason: 'in cooldown after overloaded' });

    now.value += 30_001; // the cooldown is over: the primary is tried again (and fails again: a longer cooldown)
    await runAgent({ sessionStore: store, sessionKey: key, message: 'later', models, health, now: () => now.value });
    expect(primary.calls).toHaveLength(2);
    expect(health.cooldown('anthropic/primary')?.until).toBe(now.value + 60_000);
  });

  test('a rate limit respects retryAfterMs', async () => {
    const { health, store, now } = setup();
    const primary = new MockLanguageModel({ provider: 'anthropic', modelId: 'primary', stream: mockResponses.error(error('rate_limit', { statusCode: 429, retryAfterMs: 7_000 })) });
    const fallback = new MockLanguageModel({ provider: 'openai', modelId: 'fb', stream: mockResponses.text('ok') });
    const log = eventLog();
    await runAgent({ sessionStore: store, sessionKey: key, message: 'hi', models: [candidate(primary), candidate(fallback)], health, onEvent: log.onEvent, now: () => now.value });
    expect(log.of('lifecycle', 'failover')[0]?.data).toMatchObject({ decision: 'next', errorKind: 'rate_limit', retryAfterMs: 7_000, cooldownUntil: now.value + 7_000 });
  });

  test('auth and billing failures mark the profile bad; it is skipped until the health is reset', async () => {
    const { health, store } = setup();
    const primary = new MockLanguageModel({ provider: 'anthropic', modelId: 'primary', stream: mockResponses.error(error('auth', { statusCode: 401 })) });
    const sibling = new MockLanguageModel({ provider: 'anthropic', modelId: 'sibling', stream: mockResponses.text('never') });
    const fallback = new MockLanguageModel({ provider: 'openai', modelId: 'fb', stream: mockResponses.text('ok') });
    const models = [candidate(primary), candidate(sibling), candidate(fallback)];
    const log = eventLog();
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'hi', models, health, onEvent: log.onEvent });
    expect(result.text).toBe('ok');
    expect(sibling.calls).toHaveLength(0); // same credential profile: not worth a try
    expect(log.of('lifecycle', 'failover').map((event) => (event.data as { decision: string; ref: string }).decision + ' ' + (event.data as { ref: string }).ref)).toEqual([
      'next anthropic/primary',
      'skip anthropic/sibling',
    ]);
    expect(health.badProfile('anthropic')).toMatchObject({ kind: 'auth' });
    await runAgent({ sessionStore: store, sessionKey: key, message: 'again', models, health });
    expect(primary.calls).toHaveLength(1);
    health.reset();
    expect(health.badProfile('anthropic')).toBeUndefined();
  });

  test('a hung model times out (idle timeout) and the fallback answers', async () => {
    const { health, store } = setup();
    const hung = new MockLanguageModel({ provider: 'anthropic', modelId: 'hung', stream: { parts: [], holdOpen: true } });
    const fallback = new MockLanguageModel({ provider: 'openai', modelId: 'fb', stream: mockResponses.text('awake') });
    const log = eventLog();
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'hi', models: [candidate(hung), candidate(fallback)], health, modelIdleTimeoutMs: 40, onEvent: log.onEvent });
    expect(result).toMatchObject({ status: 'ok', text: 'awake' });
    expect(log.of('lifecycle', 'failover')[0]?.data).toMatchObject({ decision: 'next', ref: 'anthropic/hung', errorKind: 'timeout', reason: 'no response from anthropic/hung for 40 ms' });
    expect(hung.calls[0]?.abortSignal?.aborted).toBe(true); // the hung request was cancelled
  });

  test('an error part before any text fails over; a failure after text was streamed is surfaced, not retried', async () => {
    const { health, store } = setup();
    const early: LanguageModelStreamPart[] = [{ type: 'error', error: error('network') }];
    const late: LanguageModelStreamPart[] = [...textStreamParts('Half an ans').slice(0, 2), { type: 'error', error: error('overloaded', { statusCode: 529 }) }];
    const first = new MockLanguageModel({ provider: 'anthropic', modelId: 'primary', stream: [{ parts: early }, { parts: late }] });
    const fallback = new MockLanguageModel({ provider: 'openai', modelId: 'fb', stream: mockResponses.text('fallback text') });
    const models = [candidate(first), candidate(fallback)];
    expect((await runAgent({ sessionStore: store, sessionKey: key, message: 'one', models, health })).text).toBe('fallback text');

    health.reset();
    const log = eventLog();
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'two', models, health, onEvent: log.onEvent });
    expect(result).toMatchObject({ status: 'error', text: 'Half an ans', error: { code: 'AGENT_MODEL_FAILED', kind: 'rate_limit' } });
    expect(fallback.calls).toHaveLength(1);
    expect(log.of('lifecycle', 'failover').at(-1)?.data).toMatchObject({ decision: 'surface', reason: 'failed after text was streamed: overloaded failure' });
    expect(log.events.at(-1)).toMatchObject({ data: { phase: 'error', errorKind: 'rate_limit' } });
    expect((await readMessages(store, key)).at(-1)).toMatchObject({ role: 'assistant', stopReason: 'error', errorMessage: expect.stringContaining('overloaded failure'), content: [{ text: 'Half an ans' }] });
  });

  test('invalid requests are surfaced without trying the fallback', async () => {
    const { health, store } = setup();
    const primary = new MockLanguageModel({ provider: 'anthropic', modelId: 'primary', stream: mockResponses.error(error('invalid_request', { statusCode: 400 })) });
    const fallback = new MockLanguageModel({ provider: 'openai', modelId: 'fb', stream: mockResponses.text('x') });
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'hi', models: [candidate(primary), candidate(fallback)], health });
    expect(result).toMatchObject({ status: 'error', error: { code: 'AGENT_MODEL_FAILED', attempts: [{ kind: 'invalid_request', statusCode: 400 }] } });
    expect(fallback.calls).toHaveLength(0);
  });

  test('when every candidate fails the error lists each attempt; when all are cooling down the soonest is probed', async () => {
    const { health, store, now } = setup();
    const a = new MockLanguageModel({ provider: 'anthropic', modelId: 'a', stream: mockResponses.error(error('overloaded', { statusCode: 529 })) });
    const b = new MockLanguageModel({ provider: 'openai', modelId: 'b', stream: [mockResponses.error(error('rate_limit', { retryAfterMs: 5_000 })), mockResponses.text('b is back')] });
    const models = [candidate(a), candidate(b)];
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'hi', models, health, now: () => now.value });
    expect(result).toMatchObject({ status: 'error', error: { code: 'AGENT_ALL_MODELS_FAILED', kind: 'rate_limit' } });
    expect(result.error?.attempts.map((attempt) => attempt.ref)).toEqual(['anthropic/a', 'openai/b']);
    expect(result.error?.message).toMatch(/every model failed: anthropic\/a: overloaded .*; openai\/b: rate_limit/);

    const log = eventLog();
    const probed = await runAgent({ sessionStore: store, sessionKey: key, message: 'again', models, health, onEvent: log.onEvent, now: () => now.value });
    expect(probed.text).toBe('b is back');
    expect(log.of('lifecycle', 'failover').map((event) => (event.data as { decision: string }).decision)).toEqual(['skip', 'skip', 'probe']);
    expect(health.cooldown('openai/b')).toBeUndefined();
  });

  test('a provider error that is not a ProviderError is surfaced as unknown', async () => {
    const { health, store } = setup();
    const buggy = new MockLanguageModel({ stream: mockResponses.error(new TypeError('cannot read properties of undefined')) });
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'hi', models: [candidate(buggy)], health });
    expect(result).toMatchObject({ status: 'error', error: { kind: 'unknown', attempts: [{ kind: 'unknown', message: 'TypeError: cannot read properties of undefined' }] } });
  });

  test('a stream that ends without a finish part counts as cut off (network) and fails over', async () => {
    const { health, store } = setup();
    const cut = new MockLanguageModel({ provider: 'anthropic', modelId: 'cut', stream: { parts: [{ type: 'text-start', id: 't' }] } });
    const fallback = new MockLanguageModel({ provider: 'openai', modelId: 'fb', stream: mockResponses.text('whole') });
    const result = await runAgent({ sessionStore: store, sessionKey: key, message: 'hi', models: [candidate(cut), candidate(fallback)], health });
    expect(result.text).toBe('whole');
    expect(health.cooldown('anthropic/cut')?.reason).toBe('network');
  });
});
