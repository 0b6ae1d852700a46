// Test child: appends one entry at a time to a FileSessionStore forever and prints `ack <n>` after each
// append resolved (= acknowledged). The parent kills it with SIGKILL at a random moment.
import { FileSessionStore } from '../file-session-store.js';

const [dir, key = 'agent:main:main', batch = '1'] = process.argv.slice(2);
if (!dir) throw new Error('usage: append-loop-child.ts <dir> [key] [batch]');
const store = new FileSessionStore({ dir });
const size = Number(batch);
const record = await store.get(key);
let version = record?.version ?? 0;
for (let n = version; ; n += size) {
  const entries = Array.from({ length: size }, (_, offset) => ({
    type: 'message' as const,
    id: `e${n + offset}`,
    parentId: n + offset === 0 ? null : `e${n + offset - 1}`,
    timestamp: new Date().toISOString(),
    // Some bulk so a kill often lands inside a write.
    message: { role: 'user' as const, content: [{ type: 'text' as const, text: `message ${n + offset} ${'x'.repeat(2000)}` }], timestamp: Date.now() },
  }));
  const next = await store.append(key, entries, { expectedVersion: version, meta: { lastAck: n + size - 1 } });
  version = next.version;
  process.stdout.write(`ack ${n + size - 1}\n`);
}
