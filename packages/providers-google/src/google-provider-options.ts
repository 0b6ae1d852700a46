import { ProviderError } from '@rusty-claw/plugin-sdk';

const levels = ['MINIMAL', 'LOW', 'MEDIUM', 'HIGH'] as const;

/** Options read from `providerOptions.google` and `providerOptions[<provider id>]` (the latter wins). */
export interface GoogleProviderOptions {
  /** Overrides the budget derived from `thinking` (Gemini 2.5; `-1` = dynamic). */
  thinkingBudget?: number;
  /** Overrides the level derived from `thinking` (Gemini 3+). */
  thinkingLevel?: (typeof levels)[number];
  /** Overrides whether thought summaries are streamed. */
  includeThoughts?: boolean;
  /** Passed through as `safetySettings`, e.g. `[{ category: 'HARM_CATEGORY_HARASSMENT', threshold: 'BLOCK_NONE' }]`. */
  safetySettings?: Array<{ category: string; threshold: string }>;
  /** Name of a cached content (`cachedContents/…`) to use as prompt prefix. */
  cachedContent?: string;
}

/** Reads and checks the provider options, so a typo fails before the request with a message naming the key. */
export function readGoogleProviderOptions(
  providerOptions: Record<string, Record<string, unknown>> | undefined,
  provider: string,
  modelId: string,
): GoogleProviderOptions {
  const raw = { ...providerOptions?.['google'], ...(provider === 'google' ? {} : providerOptions?.[provider]) };
  const fail = (message: string): never => {
    throw new ProviderError(`providerOptions.${provider}: ${message}`, { kind: 'invalid_request', provider, modelId });
  };
  const options: GoogleProviderOptions = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    switch (key) {
      case 'thinkingBudget':
        if (!Number.isInteger(value) || (value as number) < -1) fail(`thinkingBudget must be an integer ≥ -1, got ${JSON.stringify(value)}`);
        options.thinkingBudget = value as number;
        break;
      case 'thinkingLevel':
        if (!levels.includes(value as never)) fail(`thinkingLevel must be one of ${levels.join(', ')}, got ${JSON.stringify(value)}`);
        options.thinkingLevel = value as GoogleProviderOptions['thinkingLevel'] & string;
        break;
      case 'includeThoughts':
        if (typeof value !== 'boolean') fail(`includeThoughts must be a boolean, got ${JSON.stringify(value)}`);
        options.includeThoughts = value as boolean;
        break;
      case 'safetySettings':
        if (!Array.isArray(value) || !value.every((entry) => typeof entry?.category === 'string' && typeof entry?.threshold === 'string')) {
          fail('safetySettings must be an array of { category, threshold } strings');
        }
        options.safetySettings = value as GoogleProviderOptions['safetySettings'] & object;
        break;
      case 'cachedContent':
        if (typeof value !== 'string' || value === '') fail('cachedContent must be a non-empty string');
        options.cachedContent = value as string;
        break;
      default:
        fail(`${key} is not an option of this provider; known: thinkingBudget, thinkingLevel, includeThoughts, safetySettings, cachedContent`);
    }
  }
  return options;
}
