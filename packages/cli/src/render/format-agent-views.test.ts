// Renderers of sessions.list, chat.history, models.list and agent events, on payloads in OpenClaw's shapes
// (protocol notes §5.2, §6, §7), including the fields ours leaves out and OpenClaw's extras.
import { describe, expect, test } from 'vitest';
import { formatAgentEvent } from './format-agent-event.js';
import { formatModelList } from './format-model-list.js';
import { formatSessionList } from './format-session-list.js';
import { formatTokenCount } from './format-table.js';
import { formatTranscript } from './format-transcript.js';

const NOW = 1_795_542_500_000;

describe('formatSessionList', () => {
  test('a row per session: key, kind, age, model (row or default), tokens against the window, flags', () => {
    const lines = formatSessionList(
      {
        ts: NOW,
        path: '/state/agents/main/sessions/sessions.json',
        count: 2,
        totalCount: 3,
        hasMore: true,
        defaults: { modelProvider: 'anthropic', model: 'claude-sonnet-4-5', contextTokens: 200_000 },
        sessions: [
          { key: 'agent:main:main', kind: 'direct', updatedAt: NOW - 5 * 60_000, totalTokens: 12_345, thinkingLevel: 'high', hasActiveRun: true, sessionId: 's1', systemSent: true },
          { key: 'agent:main:telegram:group:42', kind: 'group', updatedAt: null, modelProvider: 'openai', model: 'gpt-5.1', contextTokens: 400_000, label: 'Family', channel: 'telegram' },
          { kind: 'direct', updatedAt: NOW },
        ],
      },
      NOW,
    );
    expect(lines).toEqual([
      'Sessions: 2 of 3 (store /state/agents/main/sessions/sessions.json)',
      'Default model: anthropic/claude-sonnet-4-5 (context 200k)',
      '',
      'KEY                           KIND    UPDATED  MODEL                        TOKENS         FLAGS',
      'agent:main:main               direct  5m ago   anthropic/claude-sonnet-4-5  12k/200k (6%)  running think:high',
      'agent:main:telegram:group:42  group   -        openai/gpt-5.1               -              channel:telegram "Family"',
      '(1 more; raise --limit to see them)',
    ]);
  });

  test('no sessions: a hint how to start one; a bare payload does not throw', () => {
    expect(formatSessionList({ count: 0, path: '/s.json', defaults: {}, sessions: [] }, NOW)).toEqual([
      'Sessions: 0 (store /s.json)',
      'No sessions yet. Start one with: rusty-claw agent -m "hello"',
    ]);
    expect(formatSessionList(null, NOW)[0]).toBe('Sessions: 0');
  });
});

describe('formatTranscript', () => {
  test('user, assistant (text, tool call, no thinking), tool result preview, errors and truncation', () => {
    const ts = Date.UTC(2026, 10, 25, 9, 30, 0);
    const lines = formatTranscript({
      sessionKey: 'agent:main:main',
      sessionId: 'b7e1',
      thinkingLevel: 'low',
      messages: [
        { role: 'user', content: 'What files are here?\nBe brief.', timestamp: ts, __openclaw: { id: 'e1', seq: 1 } },
        {
          role: 'assistant',
          content: [
            { type: 'thinking', thinking: 'I should list them', thinkingSignature: 'sig' },
            { type: 'text', text: 'Let me look.' },
            { type: 'toolCall', id: 'call_1', name: 'exec', arguments: { command: 'ls' } },
          ],
          stopReason: 'toolUse',
          timestamp: ts + 1000,
        },
        { role: 'toolResult', toolCallId: 'call_1', toolName: 'exec', content: [{ type: 'text', text: 'a.txt\nb.txt' }], isError: false, timestamp: ts + 2000 },
        { role: 'assistant', content: [{ type: 'text', text: 'Two files: a.txt and b.txt.' }], timestamp: ts + 3000 },
        { role: 'user', content: [{ type: 'image', data: 'AAAA', mimeType: 'image/png' }, { type: 'text', text: 'and this?' }] },
        { role: 'assistant', content: [], stopReason: 'error', errorMessage: '529 overloaded', timestamp: ts + 5000 },
        { role: 'assistant', content: [{ type: 'text', text: 'Once upon' }], stopReason: 'aborted', errorMessage: 'the run was aborted' },
        { role: 'assistant', content: '[message omitted: 7 MB]', __openclaw: { truncated: true, reason: 'oversized' } },
      ],
    });
    expect(lines).toEqual([
      'Session agent:main:main · id b7e1 · 8 messages · thinking low',
      '',
      '[2026-11-25 09:30:00Z] user: What files are here?',
      '                        Be brief.',
      '[2026-11-25 09:30:01Z] assistant: Let me look.',
      '                        [tool call exec {"command":"ls"}]',
      '[2026-11-25 09:30:02Z] tool exec: a.txt b.txt',
      '[2026-11-25 09:30:03Z] assistant: Two files: a.txt and b.txt.',
      'user: [image image/png]',
      '      and this?',
      '[2026-11-25 09:30:05Z] assistant: [error: 529 overloaded]',
      'assistant: Once upon [aborted]',
      'assistant: [message omitted: 7 MB] [truncated: oversized]',
    ]);
  });

  test('an empty transcript says so; a failed tool result is marked and cut to a preview', () => {
    expect(formatTranscript({ sessionKey: 'agent:main:x', messages: [] })).toEqual(['Session agent:main:x · 0 messages', '(empty transcript)']);
    const [, , line] = formatTranscript({ sessionKey: 'k', messages: [{ role: 'toolResult', toolName: 'read', isError: true, content: 'x'.repeat(500) }] });
    expect(line).toMatch(/^tool read: \[failed\] x{199}…$/);
  });
});

describe('formatModelList', () => {
  test('provider/model refs with context, reasoning, alias and name', () => {
    expect(
      formatModelList({
        models: [
          { id: 'claude-sonnet-4-5', name: 'Claude Sonnet 4.5', provider: 'anthropic', contextWindow: 200_000, reasoning: true, alias: 'sonnet' },
          { id: 'llama3.2', name: 'llama3.2', provider: 'ollama' },
          { name: 'no id' },
        ],
      }),
    ).toEqual([
      'Models: 2',
      '',
      'MODEL                        CONTEXT  REASONING  ALIAS   NAME',
      'anthropic/claude-sonnet-4-5  200k     yes        sonnet  Claude Sonnet 4.5',
      'ollama/llama3.2              -        -',
    ]);
  });

  test('none configured: says where to configure one', () => {
    expect(formatModelList({ models: [] })[0]).toContain('agents.defaults.model.primary');
  });
});

describe('formatAgentEvent (agent --verbose)', () => {
  const event = (stream: string, data: Record<string, unknown>) => ({ runId: 'r', seq: 3, stream, ts: NOW, sessionKey: 'agent:main:main', data });

  test('tool calls and results', () => {
    expect(formatAgentEvent(event('tool', { phase: 'start', name: 'exec', toolCallId: 't1', args: { command: 'ls -la' } }))).toBe('· tool exec {"command":"ls -la"}');
    expect(formatAgentEvent(event('tool', { phase: 'start', name: 'read', toolCallId: 't2', args: { path: 'x'.repeat(200) } }))?.length).toBeLessThan(100);
    expect(formatAgentEvent(event('tool', { phase: 'result', name: 'exec', toolCallId: 't1', isError: false, result: '…' }))).toBe('· tool exec done');
    expect(formatAgentEvent(event('tool', { phase: 'result', name: 'exec', toolCallId: 't1', isError: true }))).toBe('· tool exec failed');
  });

  test('failover decisions, fallback model and compaction; text streams and plain lifecycle are not shown', () => {
    expect(
      formatAgentEvent(event('lifecycle', { phase: 'failover', decision: 'next', ref: 'anthropic/claude-sonnet-4-5', reason: 'overloaded; trying the next candidate', errorKind: 'overloaded', statusCode: 529 })),
    ).toBe('· anthropic/claude-sonnet-4-5: next (overloaded 529) overloaded; trying the next candidate');
    expect(
      formatAgentEvent(event('lifecycle', { phase: 'fallback', selectedProvider: 'anthropic', selectedModel: 'm', activeProvider: 'openai', activeModel: 'gpt-5.1', reasonSummary: 'primary overloaded', attempts: [] })),
    ).toBe('· using fallback model openai/gpt-5.1 (primary overloaded)');
    expect(formatAgentEvent(event('compaction', { phase: 'start', tokensBefore: 150_000, reason: 'threshold' }))).toBe('· compacting the session (150000 tokens before)');
    for (const quiet of [event('assistant', { text: 'a', delta: 'a' }), event('lifecycle', { phase: 'start', startedAt: NOW }), event('thinking', { text: 'x' }), { stream: 'tool' }, null]) {
      expect(formatAgentEvent(quiet)).toBeUndefined();
    }
  });
});

test('formatTokenCount', () => {
  expect([999, 1234, 12_345, 200_000, 1_500_000, 2_000_000].map(formatTokenCount)).toEqual(['999', '1.2k', '12k', '200k', '1.5M', '2M']);
});
