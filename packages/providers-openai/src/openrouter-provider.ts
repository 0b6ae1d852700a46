import type { OpenAIConnectionSettings } from './openai-client-loader.js';
import { createOpenAICompatibleProvider, type OpenAIProvider } from './openai-provider.js';

export interface OpenRouterProviderSettings extends OpenAIConnectionSettings {
  /** Your app's URL, sent as `HTTP-Referer`: OpenRouter attributes usage and rankings to it. */
  siteUrl?: string;
  /** Your app's name, sent as `X-Title`. */
  siteName?: string;
  /** Provider id. Default `openrouter`. */
  name?: string;
}

/**
 * OpenRouter through its OpenAI-compatible API (https://openrouter.ai/api/v1). Key from `apiKey` or
 * `OPENROUTER_API_KEY`. Reasoning goes in OpenRouter's unified `reasoning: { effort }`, which it translates for
 * every upstream model, and `max_tokens`, the field it documents.
 */
export function createOpenRouter(settings: OpenRouterProviderSettings = {}): OpenAIProvider {
  const headers: Record<string, string> = {
    ...(settings.siteUrl === undefined ? {} : { 'HTTP-Referer': settings.siteUrl }),
    ...(settings.siteName === undefined ? {} : { 'X-Title': settings.siteName }),
    ...settings.headers,
  };
  return createOpenAICompatibleProvider(
    { ...settings, headers },
    {
      name: settings.name ?? 'openrouter',
      displayName: 'OpenRouter',
      defaultBaseURL: 'https://openrouter.ai/api/v1',
      apiKeyEnvVar: 'OPENROUTER_API_KEY',
      compatibility: { maxTokensField: 'max_tokens', reasoningFormat: 'openrouter' },
    },
  );
}
