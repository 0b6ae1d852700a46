import type { ThinkingLevel } from '@rusty-claw/plugin-sdk';
import type { OutputConfig, ThinkingConfigParam } from '@anthropic-ai/sdk/resources/messages';

/**
 * Thinking budget per level on models with manual budgets, the numbers OpenClaw uses (so a session moved between
 * the two thinks alike). The API's minimum budget is 1024 tokens.
 */
export const anthropicThinkingBudgets: Readonly<Record<Exclude<ThinkingLevel, 'off'>, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
};

export const DEFAULT_MAX_OUTPUT_TOKENS = 8192;

type Effort = NonNullable<OutputConfig['effort']>;

/** What a Claude model accepts, from its id (cloud prefixes such as `anthropic/` or `us.` are tolerated). */
export interface ClaudeModelTraits {
  /** Takes `thinking: {type:'adaptive'}` plus an effort level (Claude 4.6 and later). */
  adaptiveThinking: boolean;
  /** Knows the `xhigh` effort level. */
  xhighEffort: boolean;
  /** Rejects caller-chosen sampling parameters such as `temperature`. */
  defaultSamplingOnly: boolean;
}

export function claudeModelTraits(modelId: string): ClaudeModelTraits {
  const id = modelId.toLowerCase().replace(/[._\s]+/g, '-');
  const family = (pattern: string): boolean => new RegExp(`(?:^|[-/])claude-(?:${pattern})(?=$|[^a-z0-9])`).test(id);
  const adaptiveThinking = family('opus-5|sonnet-5|fable-5|mythos-5|mythos-preview|opus-4-6|opus-4-7|opus-4-8|sonnet-4-6');
  const xhighEffort = family('opus-5|sonnet-5|fable-5|mythos-5|opus-4-7|opus-4-8');
  return { adaptiveThinking, xhighEffort, defaultSamplingOnly: xhighEffort || family('mythos-preview') };
}

export interface AnthropicThinkingPlan {
  maxTokens: number;
  thinking: ThinkingConfigParam | undefined;
  effort: Effort | undefined;
}

/**
 * Our thinking level → the request. Models with adaptive thinking get `{type:'adaptive'}` and the level as effort;
 * older ones get a token budget. `max_tokens` counts thinking too, so a budget is added on top of the caller's
 * answer budget instead of silently eating into it.
 */
export function planAnthropicThinking(modelId: string, level: ThinkingLevel | undefined, maxOutputTokens: number | undefined): AnthropicThinkingPlan {
  const answerTokens = maxOutputTokens ?? DEFAULT_MAX_OUTPUT_TOKENS;
  if (level === undefined || level === 'off') return { maxTokens: answerTokens, thinking: undefined, effort: undefined };
  const traits = claudeModelTraits(modelId);
  if (traits.adaptiveThinking) {
    const effort: Effort = level === 'minimal' ? 'low' : level === 'xhigh' && !traits.xhighEffort ? 'high' : level;
    return { maxTokens: answerTokens, thinking: { type: 'adaptive' }, effort };
  }
  const budgetTokens = anthropicThinkingBudgets[level];
  return { maxTokens: answerTokens + budgetTokens, thinking: { type: 'enabled', budget_tokens: budgetTokens }, effort: undefined };
}
