import { formatSseEvent } from '../fake-server/format-sse-event.js';

/** One part of a scripted Gemini turn. `signature` becomes the part's `thoughtSignature` (on its last chunk). */
export type GeminiFakePart =
  | { type: 'thought'; deltas: string[]; signature?: string }
  | { type: 'text'; deltas: string[]; signature?: string }
  | { type: 'functionCall'; name: string; args: Record<string, unknown>; id?: string; signature?: string };

export interface GeminiFakeUsage {
  /** Counts cached tokens too, as the API does. */
  promptTokenCount: number;
  /** The answer's tokens, without thoughts. */
  candidatesTokenCount: number;
  cachedContentTokenCount?: number;
  thoughtsTokenCount?: number;
}

/** A scripted model turn, replayed as `streamGenerateContent?alt=sse` chunks. */
export interface GeminiFakeTurn {
  parts: GeminiFakePart[];
  finishReason?: 'STOP' | 'MAX_TOKENS' | 'SAFETY' | 'RECITATION' | 'MALFORMED_FUNCTION_CALL' | 'OTHER';
  usage?: GeminiFakeUsage;
  responseId?: string;
  modelVersion?: string;
}

/** The wire `usageMetadata` (Gemini sends it on every chunk; the last one holds the totals). */
export function geminiUsageMetadata(usage: GeminiFakeUsage): Record<string, unknown> {
  const thoughts = usage.thoughtsTokenCount ?? 0;
  return {
    promptTokenCount: usage.promptTokenCount,
    candidatesTokenCount: usage.candidatesTokenCount,
    totalTokenCount: usage.promptTokenCount + usage.candidatesTokenCount + thoughts,
    ...(usage.cachedContentTokenCount ? { cachedContentTokenCount: usage.cachedContentTokenCount } : {}),
    ...(thoughts ? { thoughtsTokenCount: thoughts } : {}),
    promptTokensDetails: [{ modality: 'TEXT', tokenCount: usage.promptTokenCount }],
  };
}

/** One `GenerateContentResponse` SSE block: `data: {...}` (no `event:` line, no terminator). */
export function geminiChunk(
  turn: Pick<GeminiFakeTurn, 'responseId' | 'modelVersion'>,
  parts: Array<Record<string, unknown>>,
  extra: { finishReason?: string; usage?: GeminiFakeUsage } = {},
): string {
  return formatSseEvent({
    candidates: [
      {
        content: { role: 'model', parts },
        ...(extra.finishReason ? { finishReason: extra.finishReason } : {}),
        index: 0,
      },
    ],
    ...(extra.usage ? { usageMetadata: geminiUsageMetadata(extra.usage) } : {}),
    modelVersion: turn.modelVersion ?? 'gemini-2.5-flash',
    responseId: turn.responseId ?? 'fakeResp01',
  });
}

/** The wire parts of one scripted part: one per delta (a function call is always one whole part). */
export function geminiWireParts(part: GeminiFakePart): Array<Record<string, unknown>> {
  const signed = (index: number, last: number, signature: string | undefined) =>
    index === last && signature !== undefined ? { thoughtSignature: signature } : {};
  switch (part.type) {
    case 'thought':
      return part.deltas.map((text, index) => ({ text, thought: true, ...signed(index, part.deltas.length - 1, part.signature) }));
    case 'text':
      return part.deltas.map((text, index) => ({ text, ...signed(index, part.deltas.length - 1, part.signature) }));
    case 'functionCall':
      return [
        {
          functionCall: { name: part.name, args: part.args, ...(part.id ? { id: part.id } : {}) },
          ...(part.signature ? { thoughtSignature: part.signature } : {}),
        },
      ];
  }
}

/**
 * The SSE blocks of one Gemini stream (ecosystem notes §3): one chunk per wire part (a text or thought delta, or a
 * whole `functionCall`), the last carrying `finishReason` and the final `usageMetadata`. No `[DONE]`: the body ends.
 */
export function geminiStreamChunks(turn: GeminiFakeTurn): string[] {
  const wireParts = turn.parts.flatMap(geminiWireParts);
  const finishReason = turn.finishReason ?? 'STOP';
  if (wireParts.length === 0) return [geminiChunk(turn, [], { finishReason, ...(turn.usage ? { usage: turn.usage } : {}) })];
  return wireParts.map((part, index) =>
    geminiChunk(turn, [part], index === wireParts.length - 1 ? { finishReason, ...(turn.usage ? { usage: turn.usage } : {}) } : {}),
  );
}
