import type { AgentMessage, TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { describe, expect, test } from 'vitest';
import { activePath, buildSessionContext } from './session-context.js';
import { INTERRUPTED_TOOL_RESULT, toLanguageModelPrompt } from './to-language-model-prompt.js';

const user = (text: string): AgentMessage => ({ role: 'user', content: text, timestamp: 0 });
const assistant = (content: Extract<AgentMessage, { role: 'assistant' }>['content'], extra: object = {}): AgentMessage => ({ role: 'assistant', content, provider: 'anthropic', model: 'm', timestamp: 0, ...extra });
const result = (toolCallId: string, text: string): AgentMessage => ({ role: 'toolResult', toolCallId, toolName: 't', content: [{ type: 'text', text }], isError: false, timestamp: 0 });

describe('toLanguageModelPrompt', () => {
  test('repairs tool pairing: a call without a result gets an error result, a result without a call is dropped', () => {
    const prompt = toLanguageModelPrompt(
      [
        user('hi'),
        result('orphan', 'stray'),
        assistant([{ type: 'toolCall', id: 'c1', name: 't', arguments: {} }, { type: 'toolCall', id: 'c2', name: 't', arguments: {} }]),
        result('c2', 'two'),
        user('next'),
      ],
      { provider: 'anthropic' },
    );
    expect(prompt).toEqual([
      { role: 'user', content: [{ type: 'text', text: 'hi' }] },
      { role: 'assistant', content: [{ type: 'tool-call', toolCallId: 'c1', toolName: 't', input: {} }, { type: 'tool-call', toolCallId: 'c2', toolName: 't', input: {} }] },
      { role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c2', toolName: 't', output: 'two' }, { type: 'tool-result', toolCallId: 'c1', toolName: 't', output: INTERRUPTED_TOOL_RESULT, isError: true }] },
      { role: 'user', content: [{ type: 'text', text: 'next', cacheBreakpoint: true }] },
    ]);
  });

  test('skips empty and reasoning-only assistant turns (failed calls) and their dangling results', () => {
    const prompt = toLanguageModelPrompt([user('a'), assistant([], { stopReason: 'error' }), assistant([{ type: 'thinking', thinking: 'hmm' }]), user('b')], { provider: 'anthropic', system: 'S' });
    expect(prompt.map((message) => message.role)).toEqual(['system', 'user', 'user']);
  });

  test('tool results with images reach the model as text with a note', () => {
    const prompt = toLanguageModelPrompt(
      [
        assistant([{ type: 'toolCall', id: 'c', name: 'shot', arguments: {} }]),
        { role: 'toolResult', toolCallId: 'c', toolName: 'shot', content: [{ type: 'text', text: 'see' }, { type: 'image', data: 'AAAA', mimeType: 'image/png' }], isError: false, timestamp: 0 },
      ],
      { provider: 'anthropic' },
    );
    expect(prompt[1]).toEqual({ role: 'tool', content: [{ type: 'tool-result', toolCallId: 'c', toolName: 'shot', output: 'see\n[image omitted]' }] });
  });
});

describe('buildSessionContext', () => {
  const base = { timestamp: '2026-11-25T12:00:00.000Z' };
  test('follows the branch of the last entry and turns custom messages and branch summaries into user messages', () => {
    const entries: TranscriptEntry[] = [
      { ...base, type: 'message', id: '1', parentId: null, message: user('root') },
      { ...base, type: 'message', id: '2', parentId: '1', message: user('abandoned branch') },
      { ...base, type: 'branch_summary', id: '3', parentId: '1', fromId: '2', summary: 'tried something' },
      { ...base, type: 'custom', id: '4', parentId: '3', customType: 'x', data: {} },
      { ...base, type: 'custom_message', id: '5', parentId: '4', customType: 'note', content: 'injected', display: true },
      { ...base, type: 'label', id: '6', parentId: '5', targetId: '1', label: 'L' },
    ];
    expect(activePath(entries).map((entry) => entry.id)).toEqual(['1', '3', '4', '5', '6']);
    const texts = buildSessionContext(entries).map((message) => (typeof message.content === 'string' ? message.content : (message.content[0] as { text: string }).text));
    expect(texts).toEqual(['root', expect.stringContaining('<summary>\ntried something</summary>'), 'injected']);
  });

  test('an unbranched chain is the whole path (its root parent may be outside); a parent loop back into it is not', () => {
    const chain: TranscriptEntry[] = [
      { ...base, type: 'message', id: 'a', parentId: 'summarized-away', message: user('a') },
      { ...base, type: 'message', id: 'b', parentId: 'a', message: user('b') },
      { ...base, type: 'message', id: 'c', parentId: 'b', message: user('c') },
    ];
    expect(activePath(chain).map((entry) => entry.id)).toEqual(['a', 'b', 'c']);
    const looped: TranscriptEntry[] = [{ ...base, type: 'message', id: 'a', parentId: 'c', message: user('a') }, ...chain.slice(1)];
    expect(activePath(looped).map((entry) => entry.id)).toEqual(['a', 'b', 'c']);
    const forked: TranscriptEntry[] = [...chain, { ...base, type: 'message', id: 'd', parentId: 'a', message: user('d') }];
    expect(activePath(forked).map((entry) => entry.id)).toEqual(['a', 'd']);
  });

  test('a compaction shows its summary, then the kept entries before it, then what came after', () => {
    const entries: TranscriptEntry[] = [
      { ...base, type: 'message', id: 'old', parentId: null, message: user('old') },
      { ...base, type: 'message', id: 'kept', parentId: 'old', message: user('kept') },
      { ...base, type: 'compaction', id: 'c', parentId: 'kept', summary: 'S', firstKeptEntryId: 'kept', tokensBefore: 5 },
      { ...base, type: 'message', id: 'new', parentId: 'c', message: user('new') },
    ];
    const texts = buildSessionContext(entries).map((message) => (message.content as Array<{ text: string }>)[0]?.text ?? message.content);
    expect(texts).toEqual([expect.stringMatching(/compacted into the following summary:\n\n<summary>\nS\n<\/summary>$/), 'kept', 'new']);
  });
});
