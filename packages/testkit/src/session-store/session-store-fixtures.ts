import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';

/** A user or assistant message entry, numbered so order and contiguity are easy to assert. */
export function sampleTranscriptEntry(label: string, parentId: string | null = null): TranscriptEntry {
  return {
    type: 'message',
    id: `entry-${label}`,
    parentId,
    timestamp: '2026-11-25T12:00:00.000Z',
    message: { role: 'user', content: [{ type: 'text', text: `message ${label}` }], timestamp: 1_795_000_000_000 },
  };
}

/** One of each entry kind, with the optional fields filled, to prove they round-trip verbatim. */
export function variedTranscriptEntries(): TranscriptEntry[] {
  return [
    { type: 'session_info', id: 'e0', parentId: null, timestamp: '2026-11-25T12:00:00.000Z', version: 3, cwd: '/home/claw', extra: { nested: [1, 'two'] } },
    {
      type: 'message',
      id: 'e1',
      parentId: 'e0',
      timestamp: '2026-11-25T12:00:01.000Z',
      message: { role: 'user', content: [{ type: 'text', text: 'Hi ✓ — ünïcode' }, { type: 'image', data: 'iVBORw0KGgo=', mimeType: 'image/png' }], timestamp: 1_795_000_001_000 },
    },
    {
      type: 'message',
      id: 'e2',
      parentId: 'e1',
      timestamp: '2026-11-25T12:00:02.000Z',
      message: {
        role: 'assistant',
        content: [
          { type: 'thinking', thinking: 'hmm', thinkingSignature: 'sig' },
          { type: 'toolCall', id: 'call_1', name: 'read', arguments: { path: '/tmp/x' } },
        ],
        provider: 'anthropic',
        model: 'claude-sonnet-4-6',
        usage: { input: 10, output: 5, cacheRead: 2, cacheWrite: 1, totalTokens: 18 },
        stopReason: 'toolUse',
        timestamp: 1_795_000_002_000,
      },
    },
    {
      type: 'message',
      id: 'e3',
      parentId: 'e2',
      timestamp: '2026-11-25T12:00:03.000Z',
      message: { role: 'toolResult', toolCallId: 'call_1', toolName: 'read', content: [{ type: 'text', text: 'data' }], isError: false, timestamp: 1_795_000_003_000 },
    },
    { type: 'compaction', id: 'e4', parentId: 'e3', timestamp: '2026-11-25T12:00:04.000Z', summary: 'talked', firstKeptEntryId: 'e3', tokensBefore: 1234 },
  ];
}
