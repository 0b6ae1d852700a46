import { ProviderError } from '@rusty-claw/plugin-sdk';
import type { OpenAI } from 'openai';

/** How an OpenAI-compatible server differs from api.openai.com; fixed by each preset, not user-facing. */
export interface OpenAICompatibility {
  /** `max_completion_tokens` (OpenAI; reasoning models reject `max_tokens`) or `max_tokens` (older servers). */
  maxTokensField: 'max_completion_tokens' | 'max_tokens';
  /** `reasoning_effort` (OpenAI, Ollama) or OpenRouter's unified `reasoning: { effort }`. */
  reasoningFormat: 'openai' | 'openrouter';
}

/** What a model instance needs from its provider. */
export interface OpenAIModelConfig {
  provider: string;
  client: () => Promise<OpenAI>;
  compatibility: OpenAICompatibility;
}

const efforts = ['none', 'minimal', 'low', 'medium', 'high', 'xhigh'] as const;
const summaries = ['auto', 'concise', 'detailed'] as const;

/**
 * Options read from `providerOptions.openai` and `providerOptions[<provider id>]` (the latter wins).
 * `extraBody` is merged last into the request body, for server-specific switches we do not model.
 */
export interface OpenAIProviderOptions {
  reasoningEffort?: (typeof efforts)[number];
  parallelToolCalls?: boolean;
  user?: string;
  /** Responses API only. Default `false`: we replay the conversation ourselves and keep nothing on OpenAI's side. */
  store?: boolean;
  /** Responses API only: `auto` (the default when reasoning), `concise` or `detailed`. */
  reasoningSummary?: (typeof summaries)[number];
  extraBody?: Record<string, unknown>;
}

/** Reads and checks the provider options, so a typo fails before the request with a message naming the key. */
export function readProviderOptions(
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  provider: string,
  modelId: string,
): OpenAIProviderOptions {
  const raw = { ...providerOptions?.['openai'], ...(provider === 'openai' ? {} : providerOptions?.[provider]) };
  const fail = (key: string, expected: string): never => {
    throw new ProviderError(`providerOptions.${provider}.${key} must be ${expected}, got ${JSON.stringify(raw[key])}`, {
      kind: 'invalid_request',
      provider,
      modelId,
    });
  };
  const options: OpenAIProviderOptions = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    switch (key) {
      case 'reasoningEffort':
        if (!efforts.includes(value as never)) fail(key, `one of ${efforts.join(', ')}`);
        options.reasoningEffort = value as OpenAIProviderOptions['reasoningEffort'] & string;
        break;
      case 'reasoningSummary':
        if (!summaries.includes(value as never)) fail(key, `one of ${summaries.join(', ')}`);
        options.reasoningSummary = value as OpenAIProviderOptions['reasoningSummary'] & string;
        break;
      case 'parallelToolCalls':
      case 'store':
        if (typeof value !== 'boolean') fail(key, 'a boolean');
        options[key] = value as boolean;
        break;
      case 'user':
        if (typeof value !== 'string') fail(key, 'a string');
        options.user = value as string;
        break;
      case 'extraBody':
        if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(key, 'an object');
        options.extraBody = value as Record<string, unknown>;
        break;
      default:
        throw new ProviderError(
          `providerOptions.${provider}.${key} is not an option of this provider; known: ` +
            'reasoningEffort, reasoningSummary, parallelToolCalls, store, user, extraBody',
          { kind: 'invalid_request', provider, modelId },
        );
    }
  }
  return options;
}
