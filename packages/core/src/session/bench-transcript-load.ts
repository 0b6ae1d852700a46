// Benchmark: load a 100,000-line session transcript (time and peak RSS). Run after a build:
//   node packages/core/src/session/bench-transcript-load.ts [--lines 100000] [--json]
// It writes the transcript through FileSessionStore, then measures a fresh child process that opens the store and
// reads every entry (what a run does before its first model call), so the peak RSS is the load's alone.
// Prints one JSON line with --json (for tooling/compat's bench), a short table otherwise. Asserts nothing.
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { FileSessionStore, buildSessionContext } from '@rusty-claw/core';

const { values } = parseArgs({ options: { lines: { type: 'string', default: '100000' }, json: { type: 'boolean', default: false }, measure: { type: 'string' } } });
const key = 'agent:main:main';

if (values.measure) {
  // Child: open, read everything, build the model context; report time and peak RSS.
  const baselineRss = process.memoryUsage().rss;
  const started = performance.now();
  const store = new FileSessionStore({ dir: values.measure });
  const entries = [];
  for await (const entry of store.read(key)) entries.push(entry);
  const readMs = performance.now() - started;
  const context = buildSessionContext(entries);
  const totalMs = performance.now() - started;
  await store.close();
  process.stdout.write(JSON.stringify({ entries: entries.length, messages: context.length, readMs, totalMs, baselineRss, peakRss: process.resourceUsage().maxRSS * 1024 }));
} else {
  const lines = Number(values.lines);
  const dir = await mkdtemp(join(tmpdir(), 'rusty-claw-bench-'));
  try {
    const store = new FileSessionStore({ dir });
    const writeStarted = performance.now();
    let parentId: string | null = null;
    for (let start = 0; start < lines; start += 1000) {
      const batch = Array.from({ length: Math.min(1000, lines - start) }, (_, offset) => {
        const index = start + offset;
        const id = `e${index}`;
        const entry = {
          type: 'message' as const,
          id,
          parentId,
          timestamp: new Date(1_795_000_000_000 + index).toISOString(),
          message:
            index % 2 === 0
              ? { role: 'user' as const, content: [{ type: 'text' as const, text: `Question ${index}: ${'lorem ipsum '.repeat(20)}` }], timestamp: index }
              : { role: 'assistant' as const, content: [{ type: 'text' as const, text: `Answer ${index}: ${'dolor sit amet '.repeat(30)}` }], stopReason: 'stop' as const, timestamp: index },
        };
        parentId = id;
        return entry;
      });
      await store.append(key, batch);
    }
    const writeMs = performance.now() - writeStarted;
    await store.close();
    const child = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--measure', dir], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`measure child failed: ${child.stderr}`);
    const measured = JSON.parse(child.stdout) as { entries: number; messages: number; readMs: number; totalMs: number; baselineRss: number; peakRss: number };
    const result = { name: 'transcript-load', lines, writeMs, ...measured };
    if (values.json) process.stdout.write(`${JSON.stringify(result)}\n`);
    else {
      const mib = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
      process.stdout.write(
        `transcript load (${lines} lines): read ${result.readMs.toFixed(0)} ms, read + context ${result.totalMs.toFixed(0)} ms, ` +
          `peak RSS ${mib(result.peakRss)} (baseline ${mib(result.baselineRss)}); written in ${writeMs.toFixed(0)} ms\n`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
