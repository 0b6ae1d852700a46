import type { ThinkingLevel } from '@rusty-claw/plugin-sdk';

/** The wire `thinkingConfig` (the SDK types its level as an enum; the wire takes these strings). */
export type GeminiThinkingLevel = 'MINIMAL' | 'LOW' | 'MEDIUM' | 'HIGH';

export interface GeminiThinkingConfig {
  includeThoughts?: boolean;
  thinkingBudget?: number;
  thinkingLevel?: GeminiThinkingLevel;
}

// Token budgets for Gemini 2.5, inside both Flash's (0–24576) and Pro's (128–32768) ranges.
const budgets: Record<Exclude<ThinkingLevel, 'off'>, number> = {
  minimal: 512,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 24576,
};

/**
 * Our `thinking` level as Gemini's `thinkingConfig`, by model family: Gemini 3 and later take `thinkingLevel`
 * (Pro only LOW/HIGH and cannot stop thinking; Flash MINIMAL–HIGH), Gemini 2.5 a token `thinkingBudget` (0 turns
 * Flash's thinking off; Pro cannot go below 128). Thoughts are requested (`includeThoughts`) whenever we think, so
 * they stream as reasoning. No level: nothing is sent and the model's default applies. Other models (Gemma, 2.0):
 * nothing is sent, since they reject the field.
 */
export function toGeminiThinkingConfig(modelId: string, thinking: ThinkingLevel | undefined): GeminiThinkingConfig | undefined {
  if (thinking === undefined) return undefined;
  const family = geminiFamily(modelId);
  if (family === 'level') {
    const pro = /pro/.test(modelId);
    const level = pro ? proLevel(thinking) : flashLevel(thinking);
    return thinking === 'off' ? { thinkingLevel: level } : { thinkingLevel: level, includeThoughts: true };
  }
  if (family === 'budget') {
    if (thinking === 'off') return { thinkingBudget: /pro/.test(modelId) ? 128 : 0 };
    return { thinkingBudget: budgets[thinking], includeThoughts: true };
  }
  return undefined;
}

function proLevel(thinking: ThinkingLevel): GeminiThinkingLevel {
  return thinking === 'off' || thinking === 'minimal' || thinking === 'low' ? 'LOW' : 'HIGH';
}

function flashLevel(thinking: ThinkingLevel): GeminiThinkingLevel {
  switch (thinking) {
    case 'off':
    case 'minimal':
      return 'MINIMAL';
    case 'low':
      return 'LOW';
    case 'medium':
      return 'MEDIUM';
    default:
      return 'HIGH';
  }
}

/** `gemini-3-pro-preview`, `models/gemini-3.5-flash` → level; `gemini-2.5-flash-lite` → budget. */
export function geminiFamily(modelId: string): 'level' | 'budget' | 'none' {
  const version = /(?:^|\/)gemini-(\d+)(?:\.(\d+))?/.exec(modelId.toLowerCase());
  if (!version) return /(?:^|\/)gemini-(?:pro|flash|flash-lite)-latest/.test(modelId.toLowerCase()) ? 'level' : 'none';
  const major = Number(version[1]);
  const minor = Number(version[2] ?? 0);
  if (major >= 3) return 'level';
  return major === 2 && minor >= 5 ? 'budget' : 'none';
}
