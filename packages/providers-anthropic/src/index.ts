export { createAnthropic, anthropic, type AnthropicProvider } from './anthropic-provider.js';
export type { AnthropicProviderSettings } from './anthropic-settings.js';
export { AnthropicLanguageModel } from './anthropic-language-model.js';
export type { AnthropicCallOptions } from './anthropic-provider-options.js';
export { anthropicThinkingBudgets, claudeModelTraits, planAnthropicThinking, type ClaudeModelTraits } from './anthropic-thinking.js';
export { classifyAnthropicError } from './classify-anthropic-error.js';

export const VERSION = '0.1.0';
