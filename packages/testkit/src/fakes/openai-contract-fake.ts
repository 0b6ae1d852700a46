import type { FakeResponse, FakeSseResponse } from '../fake-server/fake-server-types.js';
import { formatSseEvent } from '../fake-server/format-sse-event.js';
import type { ContractUsage, LanguageModelContractFake } from '../language-model-contract/language-model-contract-types.js';
import { openaiChatChunk, openaiChatStreamChunks, type OpenAIChatFakeUsage } from './openai-chat-stream-chunks.js';
import { openaiErrors } from './openai-error-response.js';
import {
  OpenAIResponsesEventWriter,
  openaiResponsesItemEvents,
  openaiResponsesOpening,
  openaiResponsesStreamEvents,
  type OpenAIResponsesFakeUsage,
} from './openai-responses-stream-events.js';

const sse = (chunks: string[], extra: Partial<FakeSseResponse> = {}): FakeResponse => ({
  type: 'sse',
  chunks,
  headers: { 'x-request-id': 'req_fake_stream_01', 'openai-processing-ms': '42' },
  ...extra,
});

// OpenAI counts cached tokens inside the prompt total; the contract's `inputTokens` are the uncached ones.
const chatUsage = (usage: ContractUsage): OpenAIChatFakeUsage => ({
  promptTokens: usage.inputTokens + usage.cacheReadTokens,
  completionTokens: usage.outputTokens,
  cachedTokens: usage.cacheReadTokens,
});
const responsesUsage = (usage: ContractUsage): OpenAIResponsesFakeUsage => ({
  inputTokens: usage.inputTokens + usage.cacheReadTokens + usage.cacheWriteTokens,
  outputTokens: usage.outputTokens,
  cachedTokens: usage.cacheReadTokens,
  cacheWriteTokens: usage.cacheWriteTokens,
});

const shared = {
  contextLength: openaiErrors.contextLength,
  auth: openaiErrors.auth,
  rateLimit: ({ retryAfterSeconds }: { retryAfterSeconds: number }) => openaiErrors.rateLimit(retryAfterSeconds),
  serverError: openaiErrors.serverError,
  overloaded: openaiErrors.overloaded,
};

/**
 * The Chat Completions wire format for each scenario of `describeLanguageModelContract`. Reasoning uses the
 * `reasoning_content` delta field of OpenAI-compatible servers (no signature: nothing to replay on this API); the
 * in-stream error is OpenRouter's (a `data:` chunk with `error.code` 502 and `finish_reason: "error"`).
 */
export const openaiChatContractFake: LanguageModelContractFake = {
  route: 'POST /v1/chat/completions',
  text: ({ deltas, usage }) => sse(openaiChatStreamChunks({ text: deltas, usage: chatUsage(usage) })),
  toolCall: ({ toolCallId, toolName, inputChunks, usage }) =>
    sse(
      openaiChatStreamChunks({
        text: ['Checking.'],
        toolCalls: [{ id: toolCallId, name: toolName, argumentChunks: inputChunks }],
        usage: chatUsage(usage),
      }),
    ),
  reasoning: ({ reasoningDeltas, text, usage }) =>
    sse(openaiChatStreamChunks({ reasoning: reasoningDeltas, text: [text], usage: chatUsage(usage) })),
  partialText: ({ deltas }) => sse(openaiChatStreamChunks({ text: deltas, done: false }).slice(0, 1 + deltas.length), { holdOpen: true }),
  cutStream: ({ deltas }) => {
    const chunks = openaiChatStreamChunks({ text: deltas, done: false }).slice(0, 1 + deltas.length);
    return sse(chunks, { cutAfter: chunks.length });
  },
  malformed: () => ({
    type: 'malformed',
    raw: `${openaiChatChunk({}, { delta: { role: 'assistant', content: '' } })}data: {"id":"chatcmpl-FakeTurn01","object":"chat.compl\n\n`,
  }),
  streamError: () =>
    sse([
      openaiChatChunk({}, { delta: { role: 'assistant', content: '' } }),
      openaiChatChunk({}, { delta: { content: 'Hel' } }),
      formatSseEvent({
        id: 'chatcmpl-FakeTurn01',
        object: 'chat.completion.chunk',
        created: 1767225600,
        model: 'openai/gpt-5-mini',
        provider: 'OpenAI',
        error: { code: 502, message: 'Provider returned error: upstream overloaded' },
        choices: [{ index: 0, delta: { content: '' }, finish_reason: 'error' }],
      }),
    ]),
  ...shared,
};

/**
 * The Responses API wire format for each scenario. Reasoning is a `reasoning` item with summary deltas and
 * `encrypted_content` (the provider wraps that into its own signature, so the suite's signature is not echoed).
 */
export const openaiResponsesContractFake: LanguageModelContractFake = {
  route: 'POST /v1/responses',
  text: ({ deltas, usage }) => sse(openaiResponsesStreamEvents({ items: [{ type: 'message', deltas }], usage: responsesUsage(usage) })),
  toolCall: ({ toolCallId, toolName, inputChunks, usage }) =>
    sse(
      openaiResponsesStreamEvents({
        items: [
          { type: 'message', deltas: ['Checking.'] },
          { type: 'function_call', callId: toolCallId, name: toolName, argumentChunks: inputChunks },
        ],
        usage: responsesUsage(usage),
      }),
    ),
  reasoning: ({ reasoningDeltas, signature, text, usage }) =>
    sse(
      openaiResponsesStreamEvents({
        items: [
          { type: 'reasoning', summaryDeltas: reasoningDeltas, encryptedContent: signature },
          { type: 'message', deltas: [text] },
        ],
        usage: responsesUsage(usage),
      }),
    ),
  partialText: ({ deltas }) => sse(openingAndPartialMessage(deltas), { holdOpen: true }),
  cutStream: ({ deltas }) => {
    const chunks = openingAndPartialMessage(deltas);
    return sse(chunks, { cutAfter: chunks.length });
  },
  malformed: () => {
    const writer = new OpenAIResponsesEventWriter();
    return {
      type: 'malformed',
      raw: `${openaiResponsesOpening(writer, {}).join('')}event: response.output_item.added\ndata: {"type":"response.output_item.added","item":{"id\n\n`,
    };
  },
  ...shared,
};

/** The opening events and a message item's deltas, without the item's or the response's end. */
function openingAndPartialMessage(deltas: string[]): string[] {
  const writer = new OpenAIResponsesEventWriter();
  const opening = openaiResponsesOpening(writer, {});
  const item = openaiResponsesItemEvents(writer, { type: 'message', id: 'msg_partial', deltas }, 0);
  // added, content_part.added, the deltas; not output_text.done and later.
  return [...opening, ...item.chunks.slice(0, 2 + deltas.length)];
}
