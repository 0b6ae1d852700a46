import { ProviderError, type FinishReason, type LanguageModelStreamPart, type LanguageModelUsage } from '@rusty-claw/plugin-sdk';
import type { GenerateContentResponse, GenerateContentResponseUsageMetadata } from '@google/genai';
import { synthesizeToolCallId } from './gemini-tool-call-id.js';
import { type ErrorContext, mapGoogleError } from './map-google-error.js';

/**
 * `generateContentStream` chunks → our stream parts. Each chunk holds whole parts: `thought` parts grow a
 * reasoning block, text parts a text block, and a `functionCall` arrives complete (so its tool input is one delta).
 *
 * Thought signatures: on a thought part the signature ends its reasoning block (`reasoning-end.signature`). Gemini 3
 * also signs text and function-call parts; as our stream parts carry signatures only on reasoning, such a signature
 * is emitted as an empty reasoning block just before the part, and `convertToGeminiContents` puts it back on the
 * part that follows it. The stream must end with a `finishReason`; without one it was cut.
 */
export async function* mapGeminiStream(
  chunks: AsyncIterable<GenerateContentResponse>,
  context: Omit<ErrorContext, 'headers'> & { abortSignal?: AbortSignal | undefined; headers?: () => Headers | undefined },
): AsyncGenerator<LanguageModelStreamPart> {
  let finishReason: FinishReason | undefined;
  let usage: LanguageModelUsage = { inputTokens: undefined, outputTokens: undefined };
  let metadataSent = false;
  let text: string | undefined;
  let reasoning: { id: string; signature?: string } | undefined;
  let blocks = 0;
  let toolCalls = 0;
  let responseId: string | undefined;

  function* closeText(): Generator<LanguageModelStreamPart> {
    if (text !== undefined) yield { type: 'text-end', id: text };
    text = undefined;
  }
  function* closeReasoning(): Generator<LanguageModelStreamPart> {
    if (reasoning) yield { type: 'reasoning-end', id: reasoning.id, ...(reasoning.signature ? { signature: reasoning.signature } : {}) };
    reasoning = undefined;
  }
  function* signatureCarrier(signature: string): Generator<LanguageModelStreamPart> {
    const id = `reasoning-${blocks++}`;
    yield { type: 'reasoning-start', id };
    yield { type: 'reasoning-end', id, signature };
  }

  try {
    for await (const chunk of chunks) {
      responseId ??= chunk.responseId;
      if (!metadataSent && (chunk.responseId || chunk.modelVersion)) {
        metadataSent = true;
        yield {
          type: 'response-metadata',
          ...(chunk.responseId ? { id: chunk.responseId } : {}),
          ...(chunk.modelVersion ? { modelId: chunk.modelVersion } : {}),
        };
      }
      if (chunk.usageMetadata) usage = mapGeminiUsage(chunk.usageMetadata);
      const candidate = chunk.candidates?.[0];
      for (const part of candidate?.content?.parts ?? []) {
        if (part.thought) {
          yield* closeText();
          // A signed thought closes its block: a later thought starts a new one, so no signature is lost.
          if (reasoning?.signature !== undefined) yield* closeReasoning();
          if (!reasoning) {
            reasoning = { id: `reasoning-${blocks++}` };
            yield { type: 'reasoning-start', id: reasoning.id };
          }
          if (part.text) yield { type: 'reasoning-delta', id: reasoning.id, delta: part.text };
          if (part.thoughtSignature) reasoning.signature = part.thoughtSignature;
        } else if (part.functionCall) {
          yield* closeReasoning();
          yield* closeText();
          if (part.thoughtSignature) yield* signatureCarrier(part.thoughtSignature);
          const id = part.functionCall.id ?? synthesizeToolCallId(responseId, toolCalls);
          toolCalls++;
          const name = part.functionCall.name ?? '';
          const input = JSON.stringify(part.functionCall.args ?? {});
          yield { type: 'tool-input-start', id, toolName: name };
          yield { type: 'tool-input-delta', id, delta: input };
          yield { type: 'tool-input-end', id };
          yield { type: 'tool-call', toolCallId: id, toolName: name, input };
        } else if (part.text !== undefined) {
          yield* closeReasoning();
          if (part.thoughtSignature) {
            yield* closeText();
            yield* signatureCarrier(part.thoughtSignature);
          }
          if (part.text !== '') {
            if (text === undefined) {
              text = `text-${blocks++}`;
              yield { type: 'text-start', id: text };
            }
            yield { type: 'text-delta', id: text, delta: part.text };
          }
        }
        // Other parts (inline images, executable code) have no stream part yet and are skipped.
      }
      if (candidate?.finishReason) finishReason = mapGeminiFinishReason(candidate.finishReason, toolCalls > 0);
      else if (chunk.promptFeedback?.blockReason) finishReason = 'content-filter';
    }
  } catch (error) {
    yield* closeReasoning();
    yield* closeText();
    yield {
      type: 'error',
      error: context.abortSignal?.aborted ? context.abortSignal.reason : mapGoogleError(error, { ...context, headers: context.headers?.() }),
    };
    return;
  }
  yield* closeReasoning();
  yield* closeText();
  if (finishReason === undefined) {
    yield {
      type: 'error',
      error: context.abortSignal?.aborted
        ? context.abortSignal.reason
        : new ProviderError(`${context.provider} stream ended without a finishReason (connection cut?)`, {
            kind: 'network',
            provider: context.provider,
            modelId: context.modelId,
          }),
    };
    return;
  }
  yield { type: 'finish', finishReason, usage };
}

export function mapGeminiFinishReason(reason: string, sawToolCall: boolean): FinishReason {
  switch (reason) {
    case 'STOP':
      return sawToolCall ? 'tool-calls' : 'stop';
    case 'MAX_TOKENS':
      return 'length';
    case 'SAFETY':
    case 'RECITATION':
    case 'BLOCKLIST':
    case 'PROHIBITED_CONTENT':
    case 'SPII':
    case 'IMAGE_SAFETY':
    case 'IMAGE_PROHIBITED_CONTENT':
      return 'content-filter';
    case 'MALFORMED_FUNCTION_CALL':
    case 'UNEXPECTED_TOOL_CALL':
      return 'error';
    default:
      return 'other';
  }
}

/**
 * Usage in our convention: `inputTokens` without the cached part (Gemini counts `cachedContentTokenCount` inside
 * `promptTokenCount`), `outputTokens` = answer + thoughts (both billed as output; `candidatesTokenCount` excludes
 * thoughts), `reasoningTokens` = thoughts.
 */
export function mapGeminiUsage(usage: GenerateContentResponseUsageMetadata): LanguageModelUsage {
  const cached = usage.cachedContentTokenCount ?? 0;
  const thoughts = usage.thoughtsTokenCount ?? 0;
  return {
    inputTokens: usage.promptTokenCount === undefined ? undefined : usage.promptTokenCount - cached,
    outputTokens: usage.candidatesTokenCount === undefined && thoughts === 0 ? undefined : (usage.candidatesTokenCount ?? 0) + thoughts,
    totalTokens: usage.totalTokenCount,
    cacheReadTokens: cached,
    reasoningTokens: usage.thoughtsTokenCount,
  };
}
