// The chat renderer against recorded event sequences in OpenClaw's wire shapes: 2026.5.7 (v3, cumulative
// `message` only, trimmed final) and 2026.9.6 (v4, `deltaText`/`replace` next to `message`, coalesced deltas).
import { describe, expect, test } from 'vitest';
import { OutputBuffer } from '../testing/output-buffer.js';
import { chatMessageText } from './chat-message-text.js';
import { ChatStreamRenderer } from './chat-stream-renderer.js';

const runId = '6f1c2d7e-0d7a-4a57-9a43-5c4f7a0e9b11';
const sessionKey = 'agent:main:main';
const text = (value: string) => ({ role: 'assistant', content: [{ type: 'text', text: value }], timestamp: 1_795_542_500_000 });

/** OpenClaw 2026.5.7 `chat` events (server-chat.ts): every delta holds the whole text so far. */
const v3Delta = (seq: number, value: string) => ({ runId, sessionKey, seq, state: 'delta', message: text(value) });
/** OpenClaw 2026.9.6: `deltaText` is what was added, `replace:true` when the text was rewritten. */
const v4Delta = (seq: number, value: string, deltaText: string, replace?: true) => ({
  runId,
  sessionKey,
  agentId: 'main',
  seq,
  state: 'delta',
  deltaText,
  ...(replace ? { replace } : {}),
  message: text(value),
});

function play(events: unknown[], echo = true) {
  const out = new OutputBuffer();
  const renderer = new ChatStreamRenderer({ out, echo });
  const writes: string[] = [];
  const outcomes = events.map((event) => {
    const before = out.text.length;
    const outcome = renderer.handle(event);
    writes.push(out.text.slice(before));
    return outcome;
  });
  return { out: out.text, writes, outcomes, renderer };
}

describe('ChatStreamRenderer', () => {
  test('v3: prints only the new suffix of each cumulative delta; final ends the line', () => {
    const { out, writes, outcomes } = play([
      v3Delta(2, 'Hel'),
      v3Delta(3, 'Hello, wor'),
      v3Delta(4, 'Hello, world'),
      { runId, sessionKey, seq: 5, state: 'final', stopReason: 'stop', message: text('Hello, world!') },
    ]);
    expect(writes).toEqual(['Hel', 'lo, wor', 'ld', '!\n']);
    expect(out).toBe('Hello, world!\n');
    expect(outcomes.slice(0, 3)).toEqual([undefined, undefined, undefined]);
    expect(outcomes[3]).toMatchObject({ state: 'final', runId, sessionKey, text: 'Hello, world!', stopReason: 'stop' });
  });

  test('v3: a trimmed final after a delta with trailing whitespace prints nothing twice', () => {
    const { out } = play([v3Delta(1, 'Done.\n'), { runId, sessionKey, seq: 2, state: 'final', message: text('Done.') }]);
    expect(out).toBe('Done.\n');
  });

  test('v4: coalesced deltas (deltaText of several chunks, message the latest) print each character once', () => {
    const { out, writes } = play([
      v4Delta(1, 'The answer', 'The answer'),
      // A slow socket gets two deltas merged: deltaText concatenated, message = the newer one.
      v4Delta(3, 'The answer is 42', ' is 42'),
      v4Delta(4, 'The answer is 42.', '.'),
      { runId, sessionKey, agentId: 'main', seq: 5, state: 'final', message: text('The answer is 42.') },
    ]);
    expect(writes).toEqual(['The answer', ' is 42', '.', '\n']);
    expect(out).toBe('The answer is 42.\n');
  });

  test('v4 without message: deltaText is appended, replace:true replaces', () => {
    const { out } = play([
      { runId, sessionKey, seq: 1, state: 'delta', deltaText: 'Let me check' },
      { runId, sessionKey, seq: 2, state: 'delta', deltaText: ' the weather.' },
      { runId, sessionKey, seq: 3, state: 'delta', deltaText: 'It is sunny', replace: true },
      { runId, sessionKey, seq: 4, state: 'delta', deltaText: ' today.' },
      { runId, sessionKey, seq: 5, state: 'final' },
    ]);
    expect(out).toBe('Let me check the weather.\n\nIt is sunny today.\n');
  });

  test('text that stops extending what was printed (a new assistant message after a tool call) starts a paragraph', () => {
    const { out, outcomes } = play([
      v4Delta(1, 'Let me look that up.', 'Let me look that up.'),
      v4Delta(6, 'Found it: 3 files.', 'Found it: 3 files.', true),
      { runId, sessionKey, seq: 7, state: 'final', message: text('Found it: 3 files.') },
    ]);
    expect(out).toBe('Let me look that up.\n\nFound it: 3 files.\n');
    expect(outcomes[2]).toMatchObject({ state: 'final', text: 'Found it: 3 files.' });
  });

  test('a final whose text was never streamed (no deltas, or deltas dropped) is printed whole', () => {
    expect(play([{ runId, sessionKey, seq: 1, state: 'final', message: text('Short answer.') }]).out).toBe('Short answer.\n');
    const { out } = play([v3Delta(1, 'Draft'), { runId, sessionKey, seq: 2, state: 'final', message: text('Completely different') }]);
    expect(out).toBe('Draft\n\nCompletely different\n');
  });

  test('a silent final (no message, e.g. NO_REPLY) prints nothing; the outcome text is empty', () => {
    const { out, outcomes } = play([{ runId, sessionKey, seq: 1, state: 'final' }]);
    expect(out).toBe('');
    expect(outcomes[0]).toMatchObject({ state: 'final', text: '' });
  });

  test('error ends the open line and reports errorMessage/errorKind; later events are ignored', () => {
    const { out, outcomes } = play([
      v3Delta(1, 'Partial'),
      { runId, sessionKey, seq: 2, state: 'error', errorMessage: '429 rate limited by anthropic', errorKind: 'rate_limit' },
      v3Delta(3, 'Partial and more'),
    ]);
    expect(out).toBe('Partial\n');
    expect(outcomes[1]).toEqual({ runId, sessionKey, state: 'error', text: 'Partial', errorMessage: '429 rate limited by anthropic', errorKind: 'rate_limit' });
    expect(outcomes[2]).toBeUndefined();
  });

  test('aborted keeps the partial text; an error without a message gets a generic one', () => {
    expect(play([v3Delta(1, 'Once upon'), { runId, sessionKey, seq: 2, state: 'aborted', stopReason: 'user' }]).outcomes[1]).toMatchObject({
      state: 'aborted',
      text: 'Once upon',
      stopReason: 'user',
    });
    expect(play([{ runId, sessionKey, seq: 1, state: 'error' }]).outcomes[0]).toMatchObject({ state: 'error', errorMessage: 'the run failed' });
  });

  test('echo:false (--json) writes nothing but still assembles the text', () => {
    const { out, outcomes } = play([v3Delta(1, 'a'), v3Delta(2, 'ab'), { runId, sessionKey, seq: 3, state: 'final', message: text('abc') }], false);
    expect(out).toBe('');
    expect(outcomes[2]).toMatchObject({ state: 'final', text: 'abc' });
  });

  test('malformed payloads and unknown states are skipped, not thrown', () => {
    const { out, outcomes } = play([null, 'x', { state: 'thinking' }, { state: 'delta', message: { content: 42 } }, v3Delta(1, 'ok')]);
    expect(out).toBe('ok');
    expect(outcomes.every((outcome) => outcome === undefined)).toBe(true);
  });
});

describe('chatMessageText', () => {
  test('string content, text blocks joined; thinking, tool calls and images are not text', () => {
    expect(chatMessageText({ role: 'user', content: 'hi' })).toBe('hi');
    expect(
      chatMessageText({
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm' },
          { type: 'text', text: 'one' },
          { type: 'toolCall', id: 't1', name: 'read', arguments: {} },
          { type: 'image', data: 'AAAA', mimeType: 'image/png' },
          { type: 'text', text: 'two' },
        ],
      }),
    ).toBe('one\ntwo');
    expect(chatMessageText(undefined)).toBe('');
  });
});
