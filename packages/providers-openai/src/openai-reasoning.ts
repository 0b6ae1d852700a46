import type { ThinkingLevel } from '@rusty-claw/plugin-sdk';

export type OpenAIReasoningEffort = 'none' | 'minimal' | 'low' | 'medium' | 'high' | 'xhigh';

/**
 * Our `thinking` level as an OpenAI reasoning effort. `off` (and no level) sends nothing: OpenAI has no effort
 * every model accepts — non-reasoning models (gpt-4o, most Ollama models) reject any `reasoning_effort` with a 400,
 * and `none` exists only on gpt-5.1 and later — so "off" means "do not ask for reasoning". Callers that want
 * `none` on a model that supports it pass `providerOptions.openai.reasoningEffort: 'none'`.
 */
export function toReasoningEffort(thinking: ThinkingLevel | undefined): OpenAIReasoningEffort | undefined {
  if (thinking === undefined || thinking === 'off') return undefined;
  return thinking;
}

const signaturePrefix = 'openai-reasoning:';

/**
 * The Responses API replays reasoning statelessly (we send `store: false`) only as the original reasoning item:
 * its `id` and `encrypted_content`. Both travel in our opaque `signature`, which the runtime stores and sends back
 * unchanged, so no OpenAI-specific field leaks into the provider-neutral prompt types.
 */
export function encodeReasoningSignature(itemId: string, encryptedContent: string): string {
  return signaturePrefix + JSON.stringify({ id: itemId, encrypted_content: encryptedContent });
}

export function decodeReasoningSignature(signature: string | undefined): { id: string; encrypted_content: string } | undefined {
  if (!signature?.startsWith(signaturePrefix)) return undefined;
  try {
    const value: unknown = JSON.parse(signature.slice(signaturePrefix.length));
    if (typeof value !== 'object' || value === null) return undefined;
    const { id, encrypted_content } = value as Record<string, unknown>;
    return typeof id === 'string' && typeof encrypted_content === 'string' ? { id, encrypted_content } : undefined;
  } catch {
    return undefined;
  }
}
