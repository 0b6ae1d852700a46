import { createMemorySessionStore, MockLanguageModel } from '@rusty-claw/testkit';
import { describe, expect, test } from 'vitest';
import { AgentError } from './agent-error.js';
import { runAgent } from './run-agent.js';
import { SessionRunQueue } from './session-run-queue.js';
import { candidate, readMessages } from './testing/agent-test-helpers.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('SessionRunQueue', () => {
  test('one run at a time per session, in arrival order; other sessions run in parallel', async () => {
    const queue = new SessionRunQueue();
    const log: string[] = [];
    const gates = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        log.push(`start ${name}`);
        gates.set(name, () => {
          log.push(`end ${name}`);
          resolve(name);
        });
      });
    const a1 = queue.run('a', task('a1'));
    const a2 = queue.run('a', task('a2'));
    const b1 = queue.run('b', task('b1'));
    await tick();
    expect(log).toEqual(['start a1', 'start b1']);
    expect([queue.pending('a'), queue.isRunning('a'), queue.pending('b')]).toEqual([2, true, 1]);
    gates.get('a1')?.();
    expect(await a1).toBe('a1');
    await tick();
    expect(log).toEqual(['start a1', 'start b1', 'end a1', 'start a2']);
    gates.get('a2')?.();
    gates.get('b1')?.();
    await Promise.all([a2, b1, queue.idle()]);
    expect(queue.pending('a')).toBe(0);
  });

  test('a failing run does not block the next; an aborted waiter never runs; a full queue refuses', async () => {
    const queue = new SessionRunQueue({ maxPending: 2 });
    let release!: () => void;
    const first = queue.run('k', () => new Promise<void>((resolve) => (release = resolve)));
    const controller = new AbortController();
    let ran = false;
    const waiting = queue.run('k', async () => void (ran = true), { signal: controller.signal });
    await expect(queue.run('k', async () => undefined)).rejects.toMatchObject({ code: 'AGENT_QUEUE_FULL' });
    controller.abort();
    release();
    await first;
    await expect(waiting).rejects.toSatisfy((error) => AgentError.isInstance(error) && error.code === 'AGENT_ABORTED');
    expect(ran).toBe(false);
    await expect(queue.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await queue.run('k', async () => 'next')).toBe('next');
  });

  test('concurrent sends on one session are all answered, in order, none lost', async () => {
    const store = createMemorySessionStore();
    const queue = new SessionRunQueue();
    const model = new MockLanguageModel({ stream: (options) => answer(options.prompt.length) });
    const sends = Array.from({ length: 8 }, (_, index) =>
      queue.run('agent:main:main', () => runAgent({ sessionStore: store, sessionKey: 'agent:main:main', message: `message ${index}`, models: [candidate(model)] })),
    );
    const results = await Promise.all(sends);
    expect(results.map((result) => result.status)).toEqual(Array(8).fill('ok'));
    const messages = await readMessages(store, 'agent:main:main');
    expect(messages.filter((message) => message['role'] === 'user').map((message) => (message['content'] as Array<{ text: string }>)[0]?.text)).toEqual(
      Array.from({ length: 8 }, (_, index) => `message ${index}`),
    );
    expect(messages.map((message) => message['role'])).toEqual(Array(8).fill(['user', 'assistant']).flat());
  });
});

function answer(promptLength: number) {
  return {
    parts: [
      { type: 'text-start' as const, id: 't' },
      { type: 'text-delta' as const, id: 't', delta: `saw ${promptLength} messages` },
      { type: 'text-end' as const, id: 't' },
      { type: 'finish' as const, finishReason: 'stop' as const, usage: { inputTokens: 1, outputTokens: 1 } },
    ],
    delayMs: 1,
  };
}
