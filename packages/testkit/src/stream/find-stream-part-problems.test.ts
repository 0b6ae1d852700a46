import type { LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';
import { describe, expect, test } from 'vitest';
import { textStreamParts, toolCallStreamParts } from '../mock-language-model/mock-stream-parts.js';
import { findStreamPartProblems } from './find-stream-part-problems.js';

const usage = { inputTokens: 1, outputTokens: 1 };

describe('findStreamPartProblems', () => {
  test('accepts well-formed streams', () => {
    expect(findStreamPartProblems(textStreamParts(['a', 'b']))).toEqual([]);
    expect(findStreamPartProblems(toolCallStreamParts([{ toolCallId: 'c', toolName: 't', input: {} }], { text: 'x' }))).toEqual([]);
    expect(findStreamPartProblems([{ type: 'tool-call', toolCallId: 'c', toolName: 't', input: '{}' }])).toEqual([]);
  });

  test.each<[string, LanguageModelStreamPart[], RegExp]>([
    ['a delta before its start', [{ type: 'text-delta', id: '1', delta: 'x' }], /text 1 delta without an open text-start/],
    ['a block started twice', [{ type: 'reasoning-start', id: 'r' }, { type: 'reasoning-end', id: 'r' }, { type: 'reasoning-start', id: 'r' }], /started twice/],
    ['parts after finish', [{ type: 'finish', finishReason: 'stop', usage }, { type: 'text-start', id: '1' }], /comes after finish/],
    ['parts after error', [{ type: 'error', error: new Error('x') }, { type: 'finish', finishReason: 'stop', usage }], /comes after error/],
    ['finish with an open block', [{ type: 'text-start', id: '1' }, { type: 'finish', finishReason: 'stop', usage }], /blocks still open: text:1/],
    [
      'a tool call before its input ends',
      [{ type: 'tool-input-start', id: 'c', toolName: 't' }, { type: 'tool-call', toolCallId: 'c', toolName: 't', input: '{}' }],
      /tool-call c before its tool-input-end/,
    ],
  ])('reports %s', (_label, parts, problem) => {
    expect(findStreamPartProblems(parts).join('\n')).toMatch(problem);
  });
});
