import {
  ProviderError,
  type LanguageModel,
  type LanguageModelCallOptions,
  type LanguageModelStreamPart,
  type ProviderErrorKind,
} from '@rusty-claw/plugin-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { createFakeServer } from '../fake-server/create-fake-server.js';
import type { FakeResponse, FakeServer } from '../fake-server/fake-server-types.js';
import { findStreamPartProblems } from '../stream/find-stream-part-problems.js';
import type { ContractUsage, LanguageModelContractContext, LanguageModelContractOptions } from './language-model-contract-types.js';
import { runModelCall, withHangGuard, type ModelCallOutcome } from './run-model-call.js';

const usage: ContractUsage = { inputTokens: 21, outputTokens: 9, cacheReadTokens: 13, cacheWriteTokens: 5 };
const textDeltas = ['Hello', ', ', 'world', '!'];
const weatherInput = { city: 'Paris', unit: 'celsius' };
const weatherChunks = ['{"city":', '"Paris",', '"unit":"celsius"}'];
const basePrompt: LanguageModelCallOptions['prompt'] = [
  { role: 'system', content: 'You are terse.' },
  { role: 'user', content: [{ type: 'text', text: 'Say hello' }] },
];
const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  inputSchema: { type: 'object', properties: { city: { type: 'string' }, unit: { type: 'string' } }, required: ['city'] },
};

/**
 * The conformance suite every `LanguageModel` runs against its own fake server through its real SDK. The provider
 * supplies the wire format (`fake`: one response builder per scenario); the suite owns the expectations, so all
 * providers behave the same towards the agent runtime.
 */
export function describeLanguageModelContract(options: LanguageModelContractOptions): void {
  const { fake } = options;
  const capabilities = {
    reasoning: options.capabilities?.reasoning ?? fake.reasoning !== undefined,
    reasoningSignature: options.capabilities?.reasoningSignature ?? false,
    cacheReadTokens: options.capabilities?.cacheReadTokens ?? true,
    cacheWriteTokens: options.capabilities?.cacheWriteTokens ?? false,
    toolCallIds: options.capabilities?.toolCallIds ?? true,
  };

  describe(`LanguageModel contract: ${options.name}`, () => {
    let server: FakeServer | undefined;
    let baseUrl = '';
    const context: LanguageModelContractContext = {
      get server() {
        if (!server) throw new Error('the contract server starts in beforeAll: use it inside tests or hooks');
        return server;
      },
      get baseUrl() {
        return baseUrl;
      },
      makeModel: () => options.makeModel(baseUrl),
    };

    beforeAll(async () => {
      server = createFakeServer();
      baseUrl = await server.start();
    });
    afterAll(async () => {
      await server?.close();
    });
    beforeEach(() => {
      context.server.reset();
    });

    const serve = (response: FakeResponse): LanguageModel => {
      context.server.setRoute(fake.route, response);
      return context.makeModel();
    };

    const expectUsage = (parts: LanguageModelStreamPart[], expected: ContractUsage): void => {
      const finish = parts.at(-1);
      if (finish?.type !== 'finish') throw new Error(`last part is ${finish?.type}, expected finish`);
      expect(finish.usage.inputTokens).toBe(expected.inputTokens);
      expect(finish.usage.outputTokens).toBe(expected.outputTokens);
      if (capabilities.cacheReadTokens) expect(finish.usage.cacheReadTokens).toBe(expected.cacheReadTokens);
      if (capabilities.cacheWriteTokens) expect(finish.usage.cacheWriteTokens).toBe(expected.cacheWriteTokens);
      if (finish.usage.totalTokens !== undefined) {
        const cacheRead = capabilities.cacheReadTokens ? expected.cacheReadTokens : 0;
        const cacheWrite = capabilities.cacheWriteTokens ? expected.cacheWriteTokens : 0;
        expect(finish.usage.totalTokens).toBe(expected.inputTokens + expected.outputTokens + cacheRead + cacheWrite);
      }
    };

    const completed = (outcome: ModelCallOutcome): LanguageModelStreamPart[] => {
      if (outcome.kind !== 'completed') throw new Error(`expected a completed stream, got ${outcome.kind}: ${String(describeError(outcome))}`);
      expect(findStreamPartProblems(outcome.parts)).toEqual([]);
      return outcome.parts;
    };

    test('streams text as text-start, text-delta…, text-end, then finish with usage', async () => {
      const model = serve(fake.text({ deltas: textDeltas, usage }));
      const parts = completed(await runModelCall(model, { prompt: basePrompt, maxOutputTokens: 256 }));
      const textParts = parts.filter((part) => part.type.startsWith('text-'));
      expect(textParts[0]?.type).toBe('text-start');
      expect(textParts.at(-1)?.type).toBe('text-end');
      const deltas = parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : []));
      expect(deltas.join('')).toBe(textDeltas.join(''));
      const finish = parts.at(-1);
      expect(finish).toMatchObject({ type: 'finish', finishReason: 'stop' });
      expectUsage(parts, usage);
      expect(parts.some((part) => part.type === 'error')).toBe(false);
    });

    test('sends the prompt in one request (no hidden retries)', async () => {
      const model = serve(fake.text({ deltas: textDeltas, usage }));
      completed(await runModelCall(model, { prompt: basePrompt }));
      expect(context.server.calls).toHaveLength(1);
      const body = context.server.calls[0]?.bodyText ?? '';
      expect(body).toContain('Say hello');
      expect(body).toContain('You are terse.');
      expect(model.provider.length).toBeGreaterThan(0);
      expect(model.specificationVersion).toBe('v1');
    });

    test('streams a tool call: tool-input-start/delta/end, then tool-call with the full JSON input', async () => {
      const model = serve(fake.toolCall({ toolCallId: 'call_weather_1', toolName: 'get_weather', inputChunks: weatherChunks, usage }));
      const parts = completed(await runModelCall(model, { prompt: basePrompt, tools: [weatherTool] }));
      expect(context.server.calls[0]?.bodyText).toContain('get_weather');
      const start = parts.find((part) => part.type === 'tool-input-start');
      const call = parts.find((part) => part.type === 'tool-call');
      if (start?.type !== 'tool-input-start' || call?.type !== 'tool-call') throw new Error('missing tool-input-start or tool-call');
      expect(start.toolName).toBe('get_weather');
      expect(call.toolName).toBe('get_weather');
      expect(call.toolCallId).toBe(start.id);
      expect(call.toolCallId.length).toBeGreaterThan(0);
      if (capabilities.toolCallIds) expect(call.toolCallId).toBe('call_weather_1');
      const inputDeltas = parts.flatMap((part) => (part.type === 'tool-input-delta' && part.id === start.id ? [part.delta] : []));
      expect(JSON.parse(inputDeltas.join(''))).toEqual(weatherInput);
      expect(JSON.parse(call.input)).toEqual(weatherInput);
      expect(parts.indexOf(call)).toBeGreaterThan(parts.findIndex((part) => part.type === 'tool-input-end'));
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'tool-calls' });
      expectUsage(parts, usage);
    });

    test.skipIf(!capabilities.reasoning)('streams reasoning before the answer' + (capabilities.reasoningSignature ? ', ending with its signature' : ''), async () => {
      const reasoningDeltas = ['Let me think', ' about it.'];
      const build = fake.reasoning;
      if (!build) throw new Error('capabilities.reasoning needs fake.reasoning');
      const model = serve(build({ reasoningDeltas, signature: 'sig-EqQBCkYIBxgCKkA', text: 'The answer is 42.', usage }));
      const parts = completed(await runModelCall(model, { prompt: basePrompt, thinking: 'medium', maxOutputTokens: 4096 }));
      const reasoning = parts.flatMap((part) => (part.type === 'reasoning-delta' ? [part.delta] : [])).join('');
      expect(reasoning).toBe(reasoningDeltas.join(''));
      const end = parts.find((part) => part.type === 'reasoning-end');
      if (end?.type !== 'reasoning-end') throw new Error('missing reasoning-end');
      if (capabilities.reasoningSignature) expect(end.signature).toBe('sig-EqQBCkYIBxgCKkA');
      expect(parts.findIndex((part) => part.type === 'reasoning-start')).toBeLessThan(parts.findIndex((part) => part.type === 'text-start'));
      expect(parts.flatMap((part) => (part.type === 'text-delta' ? [part.delta] : [])).join('')).toBe('The answer is 42.');
      expect(parts.at(-1)).toMatchObject({ type: 'finish', finishReason: 'stop' });
    });

    test('abort mid-stream ends or errors the stream promptly, without a finish', async () => {
      const model = serve(fake.partialText({ deltas: ['Hel', 'lo'] }));
      const controller = new AbortController();
      let abortedAt = -1;
      const outcome = await runModelCall(model, { prompt: basePrompt, abortSignal: controller.signal }, (part) => {
        if (part.type === 'text-delta' && abortedAt < 0) {
          abortedAt = 1;
          controller.abort();
        }
      });
      expect(abortedAt).toBe(1);
      expect(outcome.kind).not.toBe('rejected');
      const parts = outcome.kind === 'rejected' ? [] : outcome.parts;
      expect(parts.some((part) => part.type === 'finish')).toBe(false);
      // The fake holds the response open forever: only the client dropping the request closes it.
      const call = context.server.calls[0];
      if (!call) throw new Error('the model made no request');
      await withHangGuard(call.closed, 'release of the aborted HTTP request');
    });

    test('an already-aborted signal never reaches a finish', async () => {
      const model = serve(fake.text({ deltas: textDeltas, usage }));
      const outcome = await runModelCall(model, { prompt: basePrompt, abortSignal: AbortSignal.abort() });
      if (outcome.kind !== 'rejected') expect(outcome.parts.some((part) => part.type === 'finish')).toBe(false);
    });

    const httpErrors: Array<[string, () => FakeResponse, ProviderErrorKind, number, boolean]> = [
      ['400 context length', () => fake.contextLength(), 'context_length', 400, false],
      ['401', () => fake.auth(), 'auth', 401, false],
      ['500', () => fake.serverError(), 'unknown', 500, true],
    ];
    test.each(httpErrors)('HTTP %s rejects stream() with ProviderError', async (_label, build, kind, statusCode, retryable) => {
      const model = serve(build());
      const error = rejectedWith(await runModelCall(model, { prompt: basePrompt }));
      expect(error).toMatchObject({ kind, statusCode, isRetryable: retryable, provider: model.provider });
      expect(context.server.calls).toHaveLength(1);
    });

    test('429 with retry-after rejects with a retryable rate_limit and retryAfterMs', async () => {
      const model = serve(fake.rateLimit({ retryAfterSeconds: 7 }));
      const error = rejectedWith(await runModelCall(model, { prompt: basePrompt }));
      expect(error).toMatchObject({ kind: 'rate_limit', statusCode: 429, isRetryable: true, retryAfterMs: 7000 });
      expect(context.server.calls).toHaveLength(1);
    });

    test('the overload signal rejects with a retryable overloaded error', async () => {
      const model = serve(fake.overloaded());
      const error = rejectedWith(await runModelCall(model, { prompt: basePrompt }));
      expect(error).toMatchObject({ kind: 'overloaded', isRetryable: true });
      expect(context.server.calls).toHaveLength(1);
    });

    test('a connection cut mid-stream yields a retryable network error part', async () => {
      const model = serve(fake.cutStream({ deltas: ['Hel', 'lo'] }));
      const error = errorPart(await runModelCall(model, { prompt: basePrompt }));
      expect(error).toMatchObject({ kind: 'network', isRetryable: true });
    });

    test('malformed SSE yields a typed error part, not a hang', async () => {
      const model = serve(fake.malformed());
      const error = errorPart(await runModelCall(model, { prompt: basePrompt }));
      expect(ProviderError.isInstance(error)).toBe(true);
    });

    test.skipIf(fake.streamError === undefined)('an overload reported inside the stream yields an overloaded error part', async () => {
      const model = serve((fake.streamError as () => FakeResponse)());
      const error = errorPart(await runModelCall(model, { prompt: basePrompt }));
      expect(error).toMatchObject({ kind: 'overloaded', isRetryable: true });
    });

    options.additionalTests?.(context);
  });
}

function rejectedWith(outcome: ModelCallOutcome): ProviderError {
  if (outcome.kind !== 'rejected') throw new Error(`stream() should reject before streaming, got ${outcome.kind}: ${String(describeError(outcome))}`);
  if (!ProviderError.isInstance(outcome.error)) throw new Error(`stream() rejected with a non-ProviderError: ${String(outcome.error)}`);
  return outcome.error;
}

/** Mid-stream failures arrive as one final `error` part, and the stream then closes normally. */
function errorPart(outcome: ModelCallOutcome): ProviderError {
  if (outcome.kind !== 'completed') throw new Error(`the stream should close after an error part, got ${outcome.kind}: ${String(describeError(outcome))}`);
  expect(findStreamPartProblems(outcome.parts)).toEqual([]);
  const last = outcome.parts.at(-1);
  if (last?.type !== 'error') throw new Error(`last part is ${last?.type}, expected error`);
  if (!ProviderError.isInstance(last.error)) throw new Error(`error part holds a non-ProviderError: ${String(last.error)}`);
  expect(outcome.parts.some((part) => part.type === 'finish')).toBe(false);
  return last.error;
}

function describeError(outcome: ModelCallOutcome): unknown {
  if (outcome.kind === 'completed') return outcome.parts.map((part) => part.type).join(',');
  return outcome.error instanceof Error ? `${outcome.error.name}: ${outcome.error.message}` : outcome.error;
}
