import { describe, expect, test } from 'vitest';
import { MockLanguageModel } from '../mock-language-model/mock-language-model.js';
import { mockResponses, textStreamParts } from '../mock-language-model/mock-stream-parts.js';
import { TestkitError } from '../testkit-error.js';
import { runModelCall, withHangGuard } from './run-model-call.js';

const prompt = [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hi' }] }];

describe('runModelCall', () => {
  test('reports a completed stream with its parts', async () => {
    const outcome = await runModelCall(new MockLanguageModel({ stream: mockResponses.text('ok') }), { prompt });
    expect(outcome).toEqual({ kind: 'completed', parts: textStreamParts('ok') });
  });

  test('reports a rejected stream() call', async () => {
    const error = new Error('nope');
    expect(await runModelCall(new MockLanguageModel({ stream: mockResponses.error(error) }), { prompt })).toEqual({ kind: 'rejected', error });
  });

  test('reports a stream that errors, with the parts before it', async () => {
    const controller = new AbortController();
    const model = new MockLanguageModel({ stream: { parts: textStreamParts('x').slice(0, 1), holdOpen: true } });
    const outcome = await runModelCall(model, { prompt, abortSignal: controller.signal }, () => controller.abort(new Error('stop')));
    expect(outcome).toMatchObject({ kind: 'stream-errored', parts: [{ type: 'text-start' }], error: { message: 'stop' } });
  });

  test('a stream that never ends fails as a hang instead of stalling the run', async () => {
    const model = new MockLanguageModel({ stream: { parts: [], holdOpen: true } });
    const outcome = runModelCall(model, { prompt }, undefined, { hangGuardMs: 50 });
    await expect(outcome).rejects.toSatisfy((error) => TestkitError.isInstance(error) && (error as TestkitError).code === 'TESTKIT_HANG');
    await expect(outcome).rejects.toThrow('mock stream did not settle within 50 ms');
  });
});

describe('withHangGuard', () => {
  test('passes results through and clears its timer', async () => {
    await expect(withHangGuard(Promise.resolve(7), 'x', 50)).resolves.toBe(7);
    await expect(withHangGuard(Promise.reject(new Error('e')), 'x', 50)).rejects.toThrow('e');
  });

  test('rejects with a TestkitError naming what hung', async () => {
    await expect(withHangGuard(new Promise(() => undefined), 'the thing', 20)).rejects.toThrow('the thing did not settle within 20 ms');
  });
});
