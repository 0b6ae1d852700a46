export { createOpenAI, openai, type OpenAIProvider, type OpenAIProviderSettings } from './openai-provider.js';
export { createOpenRouter, type OpenRouterProviderSettings } from './openrouter-provider.js';
export { createOllama, type OllamaProviderSettings } from './ollama-provider.js';
export type { OpenAIConnectionSettings } from './openai-client-loader.js';
export type { OpenAIProviderOptions } from './openai-settings.js';
export { OpenAIChatLanguageModel } from './openai-chat-language-model.js';
export { OpenAIResponsesLanguageModel } from './openai-responses-language-model.js';
export { mapOpenAIError, parseRetryAfterMs } from './map-openai-error.js';

export const VERSION = '0.1.0';
