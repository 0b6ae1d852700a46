import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { CHAT_HISTORY_MAX_BYTES, CHAT_HISTORY_PLACEHOLDER, projectChatHistory } from './chat-history-projection.js';
import { DedupeCache } from './dedupe-cache.js';

let counter = 0;
function message(role: 'user' | 'assistant', content: unknown, extra: Record<string, unknown> = {}): TranscriptEntry {
  counter += 1;
  return { type: 'message', id: `e${counter}`, parentId: null, timestamp: new Date(1_000 + counter).toISOString(), message: { role, content, timestamp: 1_000 + counter, ...extra } } as TranscriptEntry;
}

/** Positions as a full read gives them (1-based order in the transcript). */
const inOrder = (path: readonly TranscriptEntry[]) => (entry: TranscriptEntry) => path.indexOf(entry) + 1;

describe('projectChatHistory (OpenClaw display projection)', () => {
  it('numbers messages along the path, keeps the last `limit`, hides empty user messages, shows compactions', () => {
    const path: TranscriptEntry[] = [
      message('user', [{ type: 'text', text: 'one' }]),
      message('assistant', [{ type: 'text', text: 'two' }]),
      { type: 'compaction', id: 'c1', parentId: null, timestamp: new Date(5_000).toISOString(), summary: 's', firstKeptEntryId: 'e1', tokensBefore: 10 },
      message('user', [{ type: 'text', text: '   ' }]),
      message('user', 'three'),
    ];
    const all = projectChatHistory(path, { limit: 10, maxChars: 100, seqOf: inOrder(path) });
    expect(all.map((item) => [item.role, (item['__openclaw'] as { seq: number }).seq])).toEqual([
      ['user', 1],
      ['assistant', 2],
      ['system', 3],
      ['user', 5],
    ]);
    expect(all[2]).toMatchObject({ content: [{ type: 'text', text: 'Compaction' }], __openclaw: { kind: 'compaction', id: 'c1' } });
    expect(projectChatHistory(path, { limit: 2, maxChars: 100, seqOf: inOrder(path) }).map((item) => item.role)).toEqual(['system', 'user']);
  });

  it('cuts long text, drops image bytes, signatures, details and usage extras', () => {
    const [projected] = projectChatHistory(
      [
        message('assistant', [{ type: 'thinking', thinking: 'hmm', thinkingSignature: 'sig' }, { type: 'text', text: 'x'.repeat(50) }], {
          usage: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0, totalTokens: 3, extra: 9, cost: { total: 0.1, input: 0.05 } },
          details: { secret: true },
        }),
      ],
      { limit: 10, maxChars: 10, seqOf: () => 1 },
    );
    expect(projected?.['content']).toEqual([{ type: 'thinking', thinking: 'hmm' }, { type: 'text', text: `${'x'.repeat(10)}\n...(truncated)...` }]);
    expect(projected?.['usage']).toEqual({ input: 1, output: 2, cacheRead: 0, cacheWrite: 0, totalTokens: 3, cost: { total: 0.1 } });
    expect(projected).not.toHaveProperty('details');
    const [image] = projectChatHistory([message('user', [{ type: 'image', data: 'QUJD', mimeType: 'image/png' }])], { limit: 10, maxChars: 10, seqOf: () => 1 });
    expect(image?.['content']).toEqual([{ type: 'image', mimeType: 'image/png', omitted: true, bytes: 4 }]);
  });

  it('an oversized message becomes a placeholder; the list stays under 6 MiB by dropping the oldest', () => {
    const big = 'y'.repeat(200 * 1024);
    const [placeholder] = projectChatHistory([message('assistant', [{ type: 'toolCall', id: 't', name: 'n', arguments: { big } }])], { limit: 10, maxChars: 8_000, seqOf: () => 1 });
    expect(placeholder).toMatchObject({ role: 'assistant', content: [{ type: 'text', text: CHAT_HISTORY_PLACEHOLDER }], __openclaw: { truncated: true, reason: 'oversized' } });
    const many = Array.from({ length: 60 }, (_, index) => message('user', [{ type: 'text', text: `${index}:${'z'.repeat(120 * 1024)}` }]));
    const capped = projectChatHistory(many, { limit: 1000, maxChars: 500_000, seqOf: inOrder(many) });
    expect(Buffer.byteLength(JSON.stringify(capped))).toBeLessThanOrEqual(CHAT_HISTORY_MAX_BYTES);
    expect(capped.length).toBeLessThan(60);
    const last = capped.at(-1)?.['content'] as Array<{ text: string }> | undefined;
    expect(String(last?.[0]?.text).startsWith('59:')).toBe(true);
  });
});

describe('DedupeCache (OpenClaw: 5 min, 1000 entries)', () => {
  it('expires entries after the TTL and evicts the oldest beyond the cap', () => {
    let now = 0;
    const cache = new DedupeCache({ ttlMs: 100, maxEntries: 3, now: () => now });
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, { ok: true, payload: key });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('d')?.payload).toBe('d');
    expect(cache.size).toBe(3);
    now = 101;
    expect(cache.get('b')).toBeUndefined();
  });
});
