import { ConfigError, type ModelInfo, type Provider } from '@rusty-claw/plugin-sdk';
import { createOpenAIClientLoader, type OpenAIConnectionSettings } from './openai-client-loader.js';
import { OpenAIChatLanguageModel } from './openai-chat-language-model.js';
import { OpenAIResponsesLanguageModel } from './openai-responses-language-model.js';
import type { OpenAICompatibility, OpenAIModelConfig } from './openai-settings.js';
import { mapOpenAIError } from './map-openai-error.js';

export interface OpenAIProviderSettings extends OpenAIConnectionSettings {
  /** Sent as `OpenAI-Organization`. */
  organization?: string;
  /** Sent as `OpenAI-Project`. */
  project?: string;
  /** Provider id used in model refs and errors. Default `openai`. */
  name?: string;
}

/** A provider for an OpenAI-compatible API: Chat Completions by default, the Responses API on request. */
export interface OpenAIProvider extends Provider {
  /** A Chat Completions model (the API every compatible server speaks). */
  languageModel(modelId: string): OpenAIChatLanguageModel;
  /** Same as `languageModel`. */
  chat(modelId: string): OpenAIChatLanguageModel;
  /** A Responses API model (reasoning summaries, encrypted reasoning replay). */
  responses(modelId: string): OpenAIResponsesLanguageModel;
  /** `GET /models`: the ids the server offers (OpenAI, OpenRouter and Ollama all implement it). */
  listModels(): Promise<ModelInfo[]>;
}

export interface OpenAICompatibleOptions {
  name: string;
  displayName: string;
  defaultBaseURL: string;
  apiKeyEnvVar: string;
  placeholderApiKey?: string;
  compatibility: OpenAICompatibility;
  organization?: string;
  project?: string;
}

/** The one implementation behind `createOpenAI`, `createOpenRouter` and `createOllama`. */
export function createOpenAICompatibleProvider(
  settings: OpenAIConnectionSettings,
  options: OpenAICompatibleOptions,
): OpenAIProvider {
  const client = createOpenAIClientLoader(settings, {
    providerName: options.displayName,
    defaultBaseURL: options.defaultBaseURL,
    apiKeyEnvVar: options.apiKeyEnvVar,
    ...(options.placeholderApiKey === undefined ? {} : { placeholderApiKey: options.placeholderApiKey }),
    ...(options.organization === undefined ? {} : { organization: options.organization }),
    ...(options.project === undefined ? {} : { project: options.project }),
  });
  const config: OpenAIModelConfig = { provider: options.name, client, compatibility: options.compatibility };
  const chat = (modelId: string): OpenAIChatLanguageModel => new OpenAIChatLanguageModel(checkModelId(modelId, options.name), config);
  return {
    specificationVersion: 'v1',
    id: options.name,
    languageModel: chat,
    chat,
    responses: (modelId) => new OpenAIResponsesLanguageModel(checkModelId(modelId, options.name), config),
    async listModels() {
      const sdk = await client();
      try {
        const models: ModelInfo[] = [];
        for await (const model of sdk.models.list()) models.push({ id: model.id });
        return models;
      } catch (error) {
        throw mapOpenAIError(error, { provider: options.name, modelId: '' });
      }
    },
  };
}

/**
 * OpenAI (api.openai.com, or any server that speaks its API at `baseURL`). The key comes from `apiKey` or, at the
 * first call, from `OPENAI_API_KEY`.
 */
export function createOpenAI(settings: OpenAIProviderSettings = {}): OpenAIProvider {
  return createOpenAICompatibleProvider(settings, {
    name: settings.name ?? 'openai',
    displayName: 'OpenAI',
    defaultBaseURL: 'https://api.openai.com/v1',
    apiKeyEnvVar: 'OPENAI_API_KEY',
    compatibility: { maxTokensField: 'max_completion_tokens', reasoningFormat: 'openai' },
    ...(settings.organization === undefined ? {} : { organization: settings.organization }),
    ...(settings.project === undefined ? {} : { project: settings.project }),
  });
}

/** The default OpenAI provider; reads `OPENAI_API_KEY` when a model is first called. */
export const openai: OpenAIProvider = createOpenAI();

function checkModelId(modelId: string, provider: string): string {
  if (typeof modelId !== 'string' || modelId.trim() === '') {
    throw new ConfigError(`${provider}: a model id is required, e.g. ${provider}.languageModel('gpt-5-mini')`, {
      issues: [{ path: 'model', message: 'empty model id', received: modelId, expected: 'a non-empty string' }],
    });
  }
  return modelId;
}
