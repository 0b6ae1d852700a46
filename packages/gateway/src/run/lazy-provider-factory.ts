import type { ProviderFactory, ProviderFactorySettings } from '@rusty-claw/core';
import type { LanguageModel, LanguageModelCallOptions, LanguageModelStreamResult, Provider } from '@rusty-claw/plugin-sdk';

/**
 * A provider factory whose provider package is imported on the first model call, not when the gateway starts:
 * `load` resolves the real factory (e.g. `async () => (await import('@rusty-claw/providers-anthropic')).createAnthropic…`).
 * Until then the provider answers with light `LanguageModel` handles that know their ids; a failed import surfaces
 * as that call's error (and is retried on the next call).
 */
export function lazyProviderFactory(load: () => Promise<ProviderFactory>): ProviderFactory {
  return (settings: ProviderFactorySettings): Provider => {
    let real: Promise<Provider> | undefined;
    const provider = (): Promise<Provider> => {
      real ??= load().then((factory) => factory(settings));
      real.catch(() => (real = undefined));
      return real;
    };
    const models = new Map<string, LanguageModel>();
    return {
      specificationVersion: 'v1',
      id: settings.id,
      languageModel(modelId: string): LanguageModel {
        let model = models.get(modelId);
        if (!model) {
          let inner: Promise<LanguageModel> | undefined;
          model = {
            specificationVersion: 'v1',
            provider: settings.id,
            modelId,
            stream(options: LanguageModelCallOptions): Promise<LanguageModelStreamResult> {
              inner ??= provider().then((loaded) => loaded.languageModel(modelId));
              inner.catch(() => (inner = undefined));
              return inner.then((loaded) => loaded.stream(options));
            },
          };
          models.set(modelId, model);
        }
        return model;
      },
    };
  };
}
