import { ModelError } from './model-error.js';

/** `provider/model`, OpenClaw's model reference. The model id may itself contain `/` (OpenRouter ids do). */
export interface ModelRef {
  provider: string;
  model: string;
}

/** OpenClaw's default provider for a bare model id. */
export const DEFAULT_MODEL_PROVIDER = 'openai';

/**
 * Splits `provider/model` at the first `/`. The provider id is lowercased (OpenClaw compares provider ids
 * case-insensitively); the model id is kept as written. A bare id gets `defaultProvider`.
 */
export function parseModelRef(raw: string, options: { defaultProvider?: string } = {}): ModelRef {
  const trimmed = typeof raw === 'string' ? raw.trim() : '';
  if (trimmed === '') throw new ModelError('MODEL_REF_INVALID', `invalid model ref ${JSON.stringify(raw)}: expected "provider/model"`, { ref: String(raw) });
  const slash = trimmed.indexOf('/');
  if (slash === -1) return { provider: (options.defaultProvider ?? DEFAULT_MODEL_PROVIDER).toLowerCase(), model: trimmed };
  const provider = trimmed.slice(0, slash).trim().toLowerCase();
  const model = trimmed.slice(slash + 1).trim();
  if (provider === '' || model === '') throw new ModelError('MODEL_REF_INVALID', `invalid model ref ${JSON.stringify(raw)}: expected "provider/model"`, { ref: trimmed });
  return { provider, model };
}

export function formatModelRef(ref: ModelRef): string {
  return `${ref.provider}/${ref.model}`;
}
