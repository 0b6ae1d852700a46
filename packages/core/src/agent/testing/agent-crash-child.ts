// Test child for the kill -9 tests. Modes:
// - `compact <dir>`: appends turns and compacts every few turns, printing `ack <entryId>` after each append
//   resolved and `compacting` just before each compaction; the parent kills it at a random moment.
// - `stream <dir>`: runs one agent turn against a slow scripted model, printing `accepted` once the user message
//   is durable and `delta` for each streamed chunk; the parent kills it mid-stream.
import type { LanguageModel, LanguageModelStreamPart, TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { FileSessionStore } from '../../session/file-session-store.js';
import { compactSession } from '../compact-session.js';
import { runAgent } from '../run-agent.js';

const [mode, dir] = process.argv.slice(2);
if (!dir) throw new Error('usage: agent-crash-child.ts compact|stream <dir>');
const key = 'agent:main:main';
const store = new FileSessionStore({ dir });
const print = (line: string): void => void process.stdout.write(`${line}\n`);

if (mode === 'compact') {
  const entries: TranscriptEntry[] = [];
  for await (const entry of store.read(key)) entries.push(entry);
  let version = (await store.get(key))?.version ?? 0;
  for (let turn = 0; ; turn++) {
    const prefix = `${process.pid}-${turn}`;
    const user: TranscriptEntry = { type: 'message', id: `u${prefix}`, parentId: entries.at(-1)?.id ?? null, timestamp: new Date().toISOString(), message: { role: 'user', content: [{ type: 'text', text: `q ${prefix} ${'x'.repeat(300)}` }], timestamp: Date.now() } };
    const answer: TranscriptEntry = { type: 'message', id: `a${prefix}`, parentId: user.id, timestamp: new Date().toISOString(), message: { role: 'assistant', content: [{ type: 'text', text: `a ${prefix} ${'y'.repeat(300)}` }], stopReason: 'stop', timestamp: Date.now() } };
    version = (await store.append(key, [user, answer], { expectedVersion: version })).version;
    entries.push(user, answer);
    print(`ack ${user.id}`);
    print(`ack ${answer.id}`);
    if (turn % 4 === 3) {
      print('compacting');
      const result = await compactSession({
        store,
        sessionKey: key,
        entries: [...entries],
        version,
        keepRecentTokens: 200,
        summarize: async () => {
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 10));
          return `summary after ${prefix}`;
        },
      });
      if (result.compacted && result.record) {
        entries.splice(0, entries.length, ...result.entries);
        version = result.record.version;
      }
      print('compacted');
    }
  }
} else if (mode === 'stream') {
  const slow: LanguageModel = {
    specificationVersion: 'v1',
    provider: 'mock',
    modelId: 'slow',
    async stream() {
      let index = 0;
      return {
        stream: new ReadableStream<LanguageModelStreamPart>({
          async pull(controller) {
            await new Promise((resolve) => setTimeout(resolve, 20));
            controller.enqueue(index++ === 0 ? { type: 'text-start', id: 't' } : { type: 'text-delta', id: 't', delta: `chunk${index} ` });
          },
        }),
      };
    },
  };
  await runAgent({
    sessionStore: store,
    sessionKey: key,
    message: `hello from ${process.pid}`,
    models: [{ ref: 'mock/slow', model: slow }],
    onEvent: (event) => {
      if (event.stream === 'lifecycle' && event.data.phase === 'start') print('accepted');
      if (event.stream === 'assistant') print('delta');
    },
  });
}
