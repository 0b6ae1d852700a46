import type { FakeResponse } from '../fake-server/fake-server-types.js';
import type { ContractUsage, LanguageModelContractFake } from '../language-model-contract/language-model-contract-types.js';
import { anthropicErrors } from './anthropic-error-response.js';
import { anthropicBlockChunks, anthropicMessageStart, anthropicStreamChunks, anthropicStreamErrorChunk } from './anthropic-stream-chunks.js';

const wireUsage = (usage: ContractUsage) => ({
  inputTokens: usage.inputTokens,
  outputTokens: usage.outputTokens,
  cacheReadTokens: usage.cacheReadTokens,
  cacheWriteTokens: usage.cacheWriteTokens,
});

const sse = (chunks: string[], extra: Partial<Extract<FakeResponse, { type: 'sse' }>> = {}): FakeResponse => ({
  type: 'sse',
  chunks,
  headers: { 'request-id': 'req_01FakeStream' },
  ...extra,
});

/** The Anthropic Messages wire format for each scenario of `describeLanguageModelContract`. */
export const anthropicContractFake: LanguageModelContractFake = {
  route: 'POST /v1/messages',
  text: ({ deltas, usage }) => sse(anthropicStreamChunks({ blocks: [{ type: 'text', deltas }], usage: wireUsage(usage) })),
  toolCall: ({ toolCallId, toolName, inputChunks, usage }) =>
    sse(
      anthropicStreamChunks({
        blocks: [
          { type: 'text', deltas: ['Checking.'] },
          { type: 'tool_use', id: toolCallId, name: toolName, inputChunks },
        ],
        usage: wireUsage(usage),
      }),
    ),
  reasoning: ({ reasoningDeltas, signature, text, usage }) =>
    sse(
      anthropicStreamChunks({
        blocks: [
          { type: 'thinking', deltas: reasoningDeltas, signature },
          { type: 'text', deltas: [text] },
        ],
        usage: wireUsage(usage),
      }),
    ),
  partialText: ({ deltas }) => sse([anthropicMessageStart({}), ...anthropicBlockChunks({ type: 'text', deltas }, 0).slice(0, -1)], { holdOpen: true }),
  cutStream: ({ deltas }) => {
    const chunks = [anthropicMessageStart({}), ...anthropicBlockChunks({ type: 'text', deltas }, 0)];
    return sse(chunks, { cutAfter: chunks.length - 1 });
  },
  malformed: () => ({
    type: 'malformed',
    raw: `${anthropicMessageStart({})}event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_bl\n\n`,
  }),
  streamError: () =>
    sse([anthropicMessageStart({}), ...anthropicBlockChunks({ type: 'text', deltas: ['Hel'] }, 0).slice(0, -1), anthropicStreamErrorChunk()]),
  contextLength: anthropicErrors.contextLength,
  auth: anthropicErrors.auth,
  rateLimit: ({ retryAfterSeconds }) => anthropicErrors.rateLimit(retryAfterSeconds),
  serverError: anthropicErrors.serverError,
  overloaded: anthropicErrors.overloaded,
};
