import { ProviderError } from '@rusty-claw/plugin-sdk';
import type { ThinkingConfigParam } from '@anthropic-ai/sdk/resources/messages';

/** Anthropic-only switches, passed as `providerOptions: { anthropic: { … } }`. */
export interface AnthropicCallOptions {
  /** Replaces the thinking config derived from `thinking` (e.g. `{ type: 'adaptive' }` on models that want it). */
  thinking?: ThinkingConfigParam;
  /** `output_config.effort` for models that support it. */
  effort?: 'low' | 'medium' | 'high' | 'xhigh' | 'max';
  /** TTL of every cache breakpoint. Default: the API's (5 minutes). */
  cacheTtl?: '5m' | '1h';
  /** Cache breakpoint on the system prompt. Default false. */
  cacheSystemPrompt?: boolean;
  /** Cache breakpoint on the last tool definition. Default false. */
  cacheTools?: boolean;
  /** At most one tool call per turn. */
  disableParallelToolUse?: boolean;
  /** `metadata.user_id`: an opaque id for abuse detection (never an email or name). */
  userId?: string;
  /** Values for the `anthropic-beta` header. */
  betas?: string[];
}

const checks: Record<keyof AnthropicCallOptions, (value: unknown) => boolean> = {
  thinking: (value) => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string',
  effort: (value) => ['low', 'medium', 'high', 'xhigh', 'max'].includes(value as string),
  cacheTtl: (value) => value === '5m' || value === '1h',
  cacheSystemPrompt: (value) => typeof value === 'boolean',
  cacheTools: (value) => typeof value === 'boolean',
  disableParallelToolUse: (value) => typeof value === 'boolean',
  userId: (value) => typeof value === 'string',
  betas: (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
};

/** Validates `providerOptions.anthropic`: a wrong type is a clear error, not a silently ignored switch. */
export function parseAnthropicCallOptions(raw: Record<string, unknown> | undefined, context: { provider: string; modelId: string }): AnthropicCallOptions {
  if (raw === undefined) return {};
  for (const [key, value] of Object.entries(raw)) {
    const check = checks[key as keyof AnthropicCallOptions] as ((value: unknown) => boolean) | undefined;
    if (check === undefined) {
      throw new ProviderError(`${context.provider}: unknown providerOptions.anthropic.${key} (known: ${Object.keys(checks).join(', ')})`, {
        kind: 'invalid_request',
        ...context,
      });
    }
    if (value !== undefined && !check(value)) {
      throw new ProviderError(`${context.provider}: providerOptions.anthropic.${key} has an invalid value ${JSON.stringify(value)}`, {
        kind: 'invalid_request',
        ...context,
      });
    }
  }
  return raw as AnthropicCallOptions;
}
