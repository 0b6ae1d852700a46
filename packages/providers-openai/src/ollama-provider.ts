import type { OpenAIConnectionSettings } from './openai-client-loader.js';
import { createOpenAICompatibleProvider, type OpenAIProvider } from './openai-provider.js';

export interface OllamaProviderSettings extends OpenAIConnectionSettings {
  /** Provider id. Default `ollama`. */
  name?: string;
}

/**
 * A local Ollama server through its OpenAI-compatible API (default http://127.0.0.1:11434/v1). Ollama needs no key,
 * but the `openai` SDK refuses to build a client without one, so a placeholder (`ollama`) is sent unless `apiKey`
 * or `OLLAMA_API_KEY` (for an authenticating reverse proxy) is set.
 */
export function createOllama(settings: OllamaProviderSettings = {}): OpenAIProvider {
  return createOpenAICompatibleProvider(settings, {
    name: settings.name ?? 'ollama',
    displayName: 'Ollama',
    defaultBaseURL: 'http://127.0.0.1:11434/v1',
    apiKeyEnvVar: 'OLLAMA_API_KEY',
    placeholderApiKey: 'ollama',
    compatibility: { maxTokensField: 'max_tokens', reasoningFormat: 'openai' },
  });
}
