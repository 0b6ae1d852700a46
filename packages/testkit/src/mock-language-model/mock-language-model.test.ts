import { ProviderError, type LanguageModelPrompt } from '@rusty-claw/plugin-sdk';
import { describe, expect, test } from 'vitest';
import { collectStreamParts } from '../stream/collect-stream-parts.js';
import { findStreamPartProblems } from '../stream/find-stream-part-problems.js';
import { TestkitError } from '../testkit-error.js';
import { MockLanguageModel } from './mock-language-model.js';
import { mockResponses, textStreamParts, toolCallStreamParts } from './mock-stream-parts.js';

const prompt: LanguageModelPrompt = [{ role: 'user', content: [{ type: 'text', text: 'hi' }] }];

describe('MockLanguageModel', () => {
  test('is not implemented unless scripted', async () => {
    const model = new MockLanguageModel();
    expect([model.specificationVersion, model.provider, model.modelId]).toEqual(['v1', 'mock', 'mock-model']);
    await expect(model.stream({ prompt })).rejects.toThrow(/not implemented/);
    await expect(model.stream({ prompt })).rejects.toSatisfy((error) => TestkitError.isInstance(error));
  });

  test('plays a list of scripts, one per call, and fails loudly when they run out', async () => {
    const model = new MockLanguageModel({
      stream: [mockResponses.toolCalls([{ toolCallId: 'c1', toolName: 'now', input: {} }], { text: 'Let me check.' }), mockResponses.text(['It is ', 'noon.'])],
    });
    const first = await collectStreamParts((await model.stream({ prompt })).stream);
    expect(findStreamPartProblems(first)).toEqual([]);
    expect(first.filter((part) => part.type === 'tool-call')).toEqual([{ type: 'tool-call', toolCallId: 'c1', toolName: 'now', input: '{}' }]);
    expect(first.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
    const second = await collectStreamParts((await model.stream({ prompt })).stream);
    expect(second.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('')).toBe('It is noon.');
    await expect(model.stream({ prompt })).rejects.toThrow(/called 3 times but only 2 responses/);
  });

  test('records calls with a deep copy of the prompt', async () => {
    const model = new MockLanguageModel({ stream: mockResponses.text('ok') });
    const livePrompt: LanguageModelPrompt = [...prompt];
    const tools = [{ name: 't', description: 'd', inputSchema: { type: 'object' } }];
    await collectStreamParts((await model.stream({ prompt: livePrompt, tools, thinking: 'low' })).stream);
    livePrompt.push({ role: 'assistant', content: [{ type: 'text', text: 'later' }] });
    expect(model.calls).toHaveLength(1);
    expect(model.prompt()).toEqual(prompt);
    expect(model.calls[0]).toMatchObject({ thinking: 'low', tools });
    expect(() => model.prompt(3)).toThrow(/no call 3/);
  });

  test('a function script sees the options and the call index', async () => {
    const model = new MockLanguageModel({
      stream: (options, callIndex) => mockResponses.text(`call ${callIndex}, ${options.prompt.length} messages`),
    });
    const parts = await collectStreamParts((await model.stream({ prompt })).stream);
    expect(parts).toEqual(textStreamParts('call 0, 1 messages'));
  });

  test('an error script rejects stream() with that error', async () => {
    const error = new ProviderError('busy', { kind: 'overloaded', provider: 'mock', statusCode: 529 });
    const model = new MockLanguageModel({ stream: mockResponses.error(error) });
    await expect(model.stream({ prompt })).rejects.toBe(error);
  });

  test('an aborted signal rejects before streaming, with the abort reason', async () => {
    const model = new MockLanguageModel({ stream: mockResponses.text('never') });
    const reason = new Error('user stopped');
    await expect(model.stream({ prompt, abortSignal: AbortSignal.abort(reason) })).rejects.toBe(reason);
    expect(model.calls).toHaveLength(1);
  });

  test('aborting a held-open stream errors it with the abort reason', async () => {
    const model = new MockLanguageModel({ stream: { parts: textStreamParts('partial').slice(0, 2), holdOpen: true } });
    const controller = new AbortController();
    const reader = (await model.stream({ prompt, abortSignal: controller.signal })).stream.getReader();
    expect((await reader.read()).value).toEqual({ type: 'text-start', id: 'text-0' });
    expect((await reader.read()).value).toEqual({ type: 'text-delta', id: 'text-0', delta: 'partial' });
    const pending = reader.read();
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });

  test('aborting during a delay stops the stream before the next part', async () => {
    const model = new MockLanguageModel({ stream: { parts: toolCallStreamParts([{ toolCallId: 'a', toolName: 'x', input: { n: 1 } }]), delayMs: 5 } });
    const controller = new AbortController();
    const seen: string[] = [];
    const reader = (await model.stream({ prompt, abortSignal: controller.signal })).stream.getReader();
    const failure = await (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return undefined;
        seen.push(value.type);
        if (value.type === 'tool-input-start') controller.abort();
      }
    })().catch((error: unknown) => error);
    expect(failure).toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['tool-input-start']);
  });

  test('cancelling a held-open stream settles the reader', async () => {
    const model = new MockLanguageModel({ stream: { parts: [], holdOpen: true } });
    const reader = (await model.stream({ prompt })).stream.getReader();
    const pending = reader.read();
    await reader.cancel();
    await expect(pending).resolves.toEqual({ done: true, value: undefined });
  });
});
