export { createGoogle, google, type GoogleProvider, type GoogleProviderSettings } from './google-provider.js';
export type { GoogleConnectionSettings } from './google-client-loader.js';
export type { GoogleProviderOptions } from './google-provider-options.js';
export { GoogleLanguageModel } from './google-language-model.js';
export { mapGoogleError } from './map-google-error.js';
export { toGeminiThinkingConfig, geminiFamily } from './google-thinking.js';

export const VERSION = '0.1.0';
