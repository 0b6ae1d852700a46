import type { FakeResponse, FakeSseResponse } from '../fake-server/fake-server-types.js';
import type { ContractUsage, LanguageModelContractFake } from '../language-model-contract/language-model-contract-types.js';
import { geminiErrors, geminiStreamErrorChunk } from './gemini-error-response.js';
import { geminiChunk, geminiStreamChunks, type GeminiFakeUsage } from './gemini-stream-chunks.js';

/**
 * The route the `@google/genai` SDK calls for `generateContentStream` when the provider pins `apiVersion: 'v1beta'`.
 * (The SDK's own default is `v1`: a provider that leaves it unset would call `/v1/models/…` and get a 404 here.)
 */
export const geminiStreamRoute = 'POST /v1beta/models/:model\\:streamGenerateContent';

const sse = (chunks: string[], extra: Partial<FakeSseResponse> = {}): FakeResponse => ({
  type: 'sse',
  chunks,
  headers: { 'x-goog-request-id': 'fake-goog-req-stream' },
  ...extra,
});

// Gemini counts cached tokens inside promptTokenCount; the contract's `inputTokens` are the uncached ones.
const wireUsage = (usage: ContractUsage, thoughts = 0): GeminiFakeUsage => ({
  promptTokenCount: usage.inputTokens + usage.cacheReadTokens,
  candidatesTokenCount: usage.outputTokens - thoughts,
  cachedContentTokenCount: usage.cacheReadTokens,
  thoughtsTokenCount: thoughts,
});

/**
 * The Gemini `streamGenerateContent?alt=sse` wire format for each scenario of `describeLanguageModelContract`.
 * Function calls carry no id (the model invents one); thinking is `thought: true` parts whose last one carries the
 * `thoughtSignature`; the in-stream error is a 503 UNAVAILABLE error object sent as a `data:` chunk.
 */
export const geminiContractFake: LanguageModelContractFake = {
  route: geminiStreamRoute,
  text: ({ deltas, usage }) => sse(geminiStreamChunks({ parts: [{ type: 'text', deltas }], usage: wireUsage(usage) })),
  toolCall: ({ toolName, inputChunks, usage }) =>
    sse(
      geminiStreamChunks({
        parts: [
          { type: 'text', deltas: ['Checking.'] },
          { type: 'functionCall', name: toolName, args: JSON.parse(inputChunks.join('')) as Record<string, unknown> },
        ],
        usage: wireUsage(usage),
      }),
    ),
  reasoning: ({ reasoningDeltas, signature, text, usage }) =>
    sse(
      geminiStreamChunks({
        parts: [
          { type: 'thought', deltas: reasoningDeltas, signature },
          { type: 'text', deltas: [text] },
        ],
        usage: wireUsage(usage, 3),
      }),
    ),
  partialText: ({ deltas }) => sse(deltas.map((text) => geminiChunk({}, [{ text }])), { holdOpen: true }),
  cutStream: ({ deltas }) => {
    const chunks = deltas.map((text) => geminiChunk({}, [{ text }]));
    return sse(chunks, { cutAfter: chunks.length });
  },
  malformed: () => ({
    type: 'malformed',
    raw: `${geminiChunk({}, [{ text: 'Hel' }])}data: {"candidates": [{"content": {"role": "model", "parts": [{"te\n\n`,
  }),
  streamError: () =>
    sse([geminiChunk({}, [{ text: 'Hel' }]), geminiStreamErrorChunk(503, 'UNAVAILABLE', 'The model is overloaded. Please try again later.')]),
  contextLength: geminiErrors.contextLength,
  auth: geminiErrors.auth,
  rateLimit: ({ retryAfterSeconds }) => geminiErrors.rateLimit(retryAfterSeconds),
  serverError: geminiErrors.serverError,
  overloaded: geminiErrors.overloaded,
};
