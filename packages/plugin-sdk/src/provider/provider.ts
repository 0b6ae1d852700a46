import type { LanguageModel } from './language-model.js';

export interface ModelInfo {
  id: string;
  name?: string;
  contextWindow?: number;
  maxOutputTokens?: number;
  reasoning?: boolean;
  input?: Array<'text' | 'image'>;
}

/** A configured provider: hands out models by id (`provider/model` refs are split by the caller). */
export interface Provider {
  readonly specificationVersion: 'v1';
  readonly id: string;
  languageModel(modelId: string): LanguageModel;
  listModels?(): Promise<ModelInfo[]>;
}
