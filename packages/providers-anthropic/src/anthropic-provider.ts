import { ConfigError, ProviderError, type ModelInfo, type Provider } from '@rusty-claw/plugin-sdk';
import type Anthropic from '@anthropic-ai/sdk';
import { AnthropicLanguageModel } from './anthropic-language-model.js';
import type { AnthropicProviderSettings } from './anthropic-settings.js';
import { classifyAnthropicError } from './classify-anthropic-error.js';
import { resolveAnthropicCredentials } from './resolve-anthropic-credentials.js';

export interface AnthropicProvider extends Provider {
  languageModel(modelId: string): AnthropicLanguageModel;
  listModels(): Promise<ModelInfo[]>;
}

const DEFAULT_BASE_URL = 'https://api.anthropic.com';

/**
 * Anthropic as a Rusty Claw `Provider`. Creating it is cheap: the credential is resolved and `@anthropic-ai/sdk`
 * (~30 MB, ~0.3 s to import) is loaded at the first request, keeping both off the gateway's start path.
 */
export function createAnthropic(settings: AnthropicProviderSettings = {}): AnthropicProvider {
  const id = settings.id ?? 'anthropic';
  if (settings.apiKey !== undefined && settings.authToken !== undefined) {
    throw new ConfigError('createAnthropic: pass either `apiKey` or `authToken`, not both', {
      issues: [{ path: 'authToken', message: 'conflicts with apiKey: they are two ways to authenticate; keep one' }],
    });
  }
  let client: Promise<Anthropic> | undefined;

  const getClient = (): Promise<Anthropic> => {
    client ??= (async () => {
      const env = settings.env ?? process.env;
      const credentials = resolveAnthropicCredentials(settings, env);
      const { default: AnthropicClient } = await import('@anthropic-ai/sdk');
      return new AnthropicClient({
        ...credentials,
        baseURL: settings.baseURL ?? env['ANTHROPIC_BASE_URL'] ?? DEFAULT_BASE_URL,
        maxRetries: settings.maxRetries ?? 0,
        ...(settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }),
        ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
        ...(settings.headers === undefined ? {} : { defaultHeaders: settings.headers }),
        // Our errors carry everything the SDK would log; its console output would only duplicate them.
        logLevel: 'off',
      });
    })();
    // A failed creation (missing key) must not be cached: the key may be set before the next call.
    client.catch(() => {
      client = undefined;
    });
    return client;
  };

  const languageModel = (modelId: string): AnthropicLanguageModel => {
    if (typeof modelId !== 'string' || modelId.trim() === '') {
      throw new ProviderError(`${id}: model id must be a non-empty string (e.g. "claude-sonnet-4-6")`, { kind: 'invalid_request', provider: id });
    }
    return new AnthropicLanguageModel(modelId, { provider: id, client: getClient });
  };

  return {
    specificationVersion: 'v1',
    id,
    languageModel,
    async listModels() {
      const context = { provider: id, modelId: '' };
      try {
        const models: ModelInfo[] = [];
        for await (const model of (await getClient()).models.list()) {
          models.push({
            id: model.id,
            name: model.display_name,
            ...(typeof model.max_input_tokens === 'number' ? { contextWindow: model.max_input_tokens } : {}),
            ...(typeof model.max_tokens === 'number' ? { maxOutputTokens: model.max_tokens } : {}),
          });
        }
        return models;
      } catch (error) {
        throw classifyAnthropicError(error, context);
      }
    },
  };
}

let defaultProvider: AnthropicProvider | undefined;

/**
 * The default instance: `ANTHROPIC_API_KEY` (or `ANTHROPIC_AUTH_TOKEN`) is read at the first request, and a missing
 * key fails that request with an actionable `ProviderError` (kind `auth`), not the import.
 */
export const anthropic: AnthropicProvider = {
  specificationVersion: 'v1',
  id: 'anthropic',
  languageModel: (modelId) => (defaultProvider ??= createAnthropic()).languageModel(modelId),
  listModels: () => (defaultProvider ??= createAnthropic()).listModels(),
};
