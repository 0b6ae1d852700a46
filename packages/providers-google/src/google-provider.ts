import { ConfigError, type Provider } from '@rusty-claw/plugin-sdk';
import { createGoogleClientLoader, type GoogleConnectionSettings } from './google-client-loader.js';
import { GoogleLanguageModel } from './google-language-model.js';

export interface GoogleProviderSettings extends GoogleConnectionSettings {
  /** Provider id used in model refs and errors. Default `google`. */
  name?: string;
}

export interface GoogleProvider extends Provider {
  languageModel(modelId: string): GoogleLanguageModel;
}

/** Google Gemini (the Gemini Developer API, https://generativelanguage.googleapis.com). */
export function createGoogle(settings: GoogleProviderSettings = {}): GoogleProvider {
  const name = settings.name ?? 'google';
  const client = createGoogleClientLoader(settings);
  return {
    specificationVersion: 'v1',
    id: name,
    languageModel(modelId) {
      if (typeof modelId !== 'string' || modelId.trim() === '') {
        throw new ConfigError(`${name}: a model id is required, e.g. ${name}.languageModel('gemini-2.5-flash')`, {
          issues: [{ path: 'model', message: 'empty model id', received: modelId, expected: 'a non-empty string' }],
        });
      }
      return new GoogleLanguageModel(modelId, { provider: name, client, fetch: settings.fetch });
    },
  };
}

/** The default Google provider; reads `GEMINI_API_KEY` (or `GOOGLE_API_KEY`) when a model is first called. */
export const google: GoogleProvider = createGoogle();
