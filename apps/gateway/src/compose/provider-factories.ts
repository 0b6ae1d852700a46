import type { ModelApi, ProviderFactory, ProviderFactorySettings } from '@rusty-claw/core';
import { lazyProviderFactory } from '@rusty-claw/gateway';
import type { Provider } from '@rusty-claw/plugin-sdk';

/** The connection settings every provider package takes, from `models.providers.<id>` (secrets already resolved). */
function connection(settings: ProviderFactorySettings): { apiKey?: string; baseURL?: string; headers?: Record<string, string> } {
  return {
    ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
    ...(settings.baseUrl === undefined ? {} : { baseURL: settings.baseUrl }),
    ...(settings.headers === undefined ? {} : { headers: settings.headers }),
  };
}

/**
 * The provider packages, one factory per `models.providers.<id>.api` (OpenClaw's values). Each package is imported on
 * the first call of one of its models (`lazyProviderFactory`), so the gateway starts without loading any SDK.
 * `openai-completions` serves OpenRouter with its preset when the provider id is `openrouter`.
 */
export function providerFactories(): Partial<Record<ModelApi, ProviderFactory>> {
  const openai = () => import('@rusty-claw/providers-openai');
  return {
    'anthropic-messages': lazyProviderFactory(async () => {
      const { createAnthropic } = await import('@rusty-claw/providers-anthropic');
      return (settings) => createAnthropic({ id: settings.id, ...connection(settings) });
    }),
    'openai-completions': lazyProviderFactory(async () => {
      const { createOpenAI, createOpenRouter } = await openai();
      return (settings) => (settings.id === 'openrouter' ? createOpenRouter({ name: settings.id, ...connection(settings) }) : createOpenAI({ name: settings.id, ...connection(settings) }));
    }),
    'openai-responses': lazyProviderFactory(async () => {
      const { createOpenAI } = await openai();
      return (settings): Provider => {
        const provider = createOpenAI({ name: settings.id, ...connection(settings) });
        return { specificationVersion: 'v1', id: provider.id, languageModel: (modelId) => provider.responses(modelId), listModels: () => provider.listModels() };
      };
    }),
    ollama: lazyProviderFactory(async () => {
      const { createOllama } = await openai();
      return (settings) => createOllama({ name: settings.id, ...connection(settings) });
    }),
    'google-generative-ai': lazyProviderFactory(async () => {
      const { createGoogle } = await import('@rusty-claw/providers-google');
      return (settings) => createGoogle({ name: settings.id, ...connection(settings) });
    }),
  };
}
