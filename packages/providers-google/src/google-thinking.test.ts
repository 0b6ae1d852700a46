import { describe, expect, test } from 'vitest';
import { geminiFamily, toGeminiThinkingConfig } from './google-thinking.js';

describe('toGeminiThinkingConfig', () => {
  test('model families', () => {
    expect(geminiFamily('gemini-3-pro-preview')).toBe('level');
    expect(geminiFamily('models/gemini-3.5-flash')).toBe('level');
    expect(geminiFamily('gemini-flash-latest')).toBe('level');
    expect(geminiFamily('gemini-2.5-flash-lite')).toBe('budget');
    expect(geminiFamily('gemini-2.0-flash')).toBe('none');
    expect(geminiFamily('gemma-3-27b-it')).toBe('none');
  });

  test('Gemini 3 Pro knows only LOW/HIGH and cannot stop thinking; Flash goes down to MINIMAL', () => {
    expect(toGeminiThinkingConfig('gemini-3-pro-preview', 'off')).toEqual({ thinkingLevel: 'LOW' });
    expect(toGeminiThinkingConfig('gemini-3-pro-preview', 'medium')).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true });
    expect(toGeminiThinkingConfig('gemini-3-flash-preview', 'off')).toEqual({ thinkingLevel: 'MINIMAL' });
    expect(toGeminiThinkingConfig('gemini-3-flash-preview', 'medium')).toEqual({ thinkingLevel: 'MEDIUM', includeThoughts: true });
    expect(toGeminiThinkingConfig('gemini-3-flash-preview', 'xhigh')).toEqual({ thinkingLevel: 'HIGH', includeThoughts: true });
  });

  test('Gemini 2.5 gets a budget: 0 turns Flash off, Pro keeps its minimum of 128', () => {
    expect(toGeminiThinkingConfig('gemini-2.5-flash', 'off')).toEqual({ thinkingBudget: 0 });
    expect(toGeminiThinkingConfig('gemini-2.5-pro', 'off')).toEqual({ thinkingBudget: 128 });
    expect(toGeminiThinkingConfig('gemini-2.5-pro', 'low')).toEqual({ thinkingBudget: 2048, includeThoughts: true });
  });

  test('no level, or a model without thinking: nothing is sent', () => {
    expect(toGeminiThinkingConfig('gemini-2.5-flash', undefined)).toBeUndefined();
    expect(toGeminiThinkingConfig('gemma-3-27b-it', 'high')).toBeUndefined();
  });
});
