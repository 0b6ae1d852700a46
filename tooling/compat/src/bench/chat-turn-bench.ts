// `pnpm bench` section for the agent runtime: gateway overhead per chat turn against an instant model (p50/p99,
// goal p50 ≤ 2 ms), the gateway's RSS growth over 10,000 turns (goal ≤ 10 MiB), and loading a 100,000-line
// transcript (chat.history on a fresh gateway). The gateway is a separate process (zero-latency-gateway.ts) so its
// memory is measured alone (/proc VmRSS); the client is @rusty-claw/protocol's GatewayClient.
import { randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { FileSessionStore } from '@rusty-claw/core';
import type { TranscriptEntry } from '@rusty-claw/plugin-sdk';
import { GatewayClient } from '@rusty-claw/protocol';
import { GatewayProcess } from '../gateway-process.ts';
import { rssBytes } from '../process-tree.ts';
import { LISTENING_LINE } from '../rusty-claw-gateway.ts';
import { formatMiB, formatMs, median, MiB, percentile, table } from './stats.ts';

const TOKEN = 'bench-chat-token-0123456789abcdef';
const CONFIG = {
  models: { providers: { zero: { baseUrl: 'http://127.0.0.1:9/v1', api: 'openai-completions', models: [{ id: 'instant', name: 'instant' }] } } },
  agents: { defaults: { model: { primary: 'zero/instant' } } },
};

interface Gateway {
  process: GatewayProcess;
  /** RSS and V8 heap after a full GC in the gateway process. */
  memory(): Promise<{ rss: number; heapUsed: number }>;
  client: GatewayClient;
  /** Sends one chat turn and resolves when its final event arrives (client-observed latency). */
  turn(sessionKey: string): Promise<number>;
  stop(): Promise<void>;
}

async function startGateway(stateDir: string): Promise<Gateway> {
  await writeFile(join(stateDir, 'rusty-claw.json'), JSON.stringify(CONFIG));
  const script = fileURLToPath(new URL('./zero-latency-gateway.ts', import.meta.url));
  // RC_BENCH_NODE_ARGS: extra flags for the gateway process, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = ['--expose-gc', ...(process.env['RC_BENCH_NODE_ARGS']?.split(' ').filter(Boolean) ?? [])];
  const child = new GatewayProcess('zero-latency gateway', process.execPath, [...nodeArgs, script, stateDir, TOKEN], {
    cwd: stateDir,
    // RC_BENCH_DEBUG=1 also prints V8's heap spaces at each memory report (and the gateway's stderr at the end).
    env: { PATH: process.env['PATH'] ?? '', HOME: stateDir, RUSTY_CLAW_LOG_LEVEL: 'warn', ...(process.env['RC_BENCH_DEBUG'] ? { RC_BENCH_DEBUG: '1' } : {}) },
  });
  const [, url = ''] = await child.waitForLine(LISTENING_LINE, 15_000);
  const finals = new Map<string, () => void>();
  const client = new GatewayClient({
    url,
    token: TOKEN,
    scopes: ['operator.admin'],
    requestTimeoutMs: 60_000,
    onEvent: (event) => {
      const payload = event.payload as { runId?: string; state?: string } | undefined;
      if (event.event === 'chat' && payload?.runId && payload.state !== 'delta') finals.get(payload.runId)?.();
    },
  });
  await client.connect();
  let reports = 0;
  return {
    process: child,
    client,
    async memory() {
      reports += 1;
      child.child.kill('SIGUSR2');
      for (;;) {
        const lines = [...child.stdout.matchAll(/^MEM (\d+) (\d+)$/gm)];
        const line = lines[reports - 1];
        if (line) return { rss: Number(line[1]), heapUsed: Number(line[2]) };
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    },
    async turn(sessionKey) {
      const runId = randomUUID();
      const started = performance.now();
      const done = new Promise<void>((resolve) => finals.set(runId, resolve));
      await client.request('chat.send', { sessionKey, message: 'ping', idempotencyKey: runId });
      await done;
      finals.delete(runId);
      return performance.now() - started;
    },
    async stop() {
      await client.close();
      await child.stop();
      if (process.env['RC_BENCH_DEBUG']) process.stderr.write(child.stderr);
    },
  };
}

/** A transcript of `lines` message entries (user/assistant, chained) written through the real store. */
async function writeTranscript(stateDir: string, sessionKey: string, lines: number): Promise<void> {
  const store = new FileSessionStore({ stateDir, agentId: 'main' });
  let parentId: string | null = null;
  for (let written = 0; written < lines; ) {
    const batch: TranscriptEntry[] = [];
    for (; batch.length < 1_000 && written < lines; written++) {
      const id = randomUUID();
      const role = written % 2 === 0 ? 'user' : 'assistant';
      const text = `${role} message ${written}: ${'lorem ipsum '.repeat(8)}`;
      const message = role === 'user' ? { role, content: [{ type: 'text', text }], timestamp: written } : { role, content: [{ type: 'text', text }], stopReason: 'stop', timestamp: written };
      batch.push({ type: 'message', id, parentId, timestamp: new Date(written).toISOString(), message } as TranscriptEntry);
      parentId = id;
    }
    await store.append(sessionKey, batch);
  }
  await store.close();
}

export interface ChatBenchOptions {
  turns?: number;
  memoryTurns?: number;
  transcriptLines?: number;
}

export async function chatTurnBenchReport(options: ChatBenchOptions = {}): Promise<string> {
  const turns = options.turns ?? 2_000;
  const memoryTurns = options.memoryTurns ?? 10_000;
  const transcriptLines = options.transcriptLines ?? 100_000;
  const scratch = await mkdtemp(join(tmpdir(), 'rc-bench-chat-'));
  try {
    process.stderr.write(`bench: ${turns} chat turns for latency, ${memoryTurns} for memory, a ${transcriptLines}-line transcript\n`);
    const turnsDir = join(scratch, 'turns');
    await mkdir(turnsDir);
    const gateway = await startGateway(turnsDir);
    const latencies: Record<'one' | 'twenty', number[]> = { one: [], twenty: [] };
    let rssStart: number;
    let before: { rss: number; heapUsed: number };
    let after: { rss: number; heapUsed: number };
    try {
      rssStart = rssBytes(gateway.process.pid);
      for (let i = 0; i < 200; i++) await gateway.turn(`agent:main:warm-${i % 10}`);
      // One conversation (its transcript grows to 2 × turns entries), then 20 alternating ones (more than the
      // runtime keeps in memory, so transcripts are re-read).
      for (let i = 0; i < turns; i++) latencies.one.push(await gateway.turn('agent:main:latency'));
      for (let i = 0; i < turns; i++) latencies.twenty.push(await gateway.turn(`agent:main:latency-${i % 20}`));
      before = await gateway.memory();
      for (let i = 0; i < memoryTurns; i++) await gateway.turn(`agent:main:memory-${i % 50}`);
      after = await gateway.memory();
    } finally {
      await gateway.stop();
    }

    const historyDir = join(scratch, 'history');
    await mkdir(historyDir);
    const written = performance.now();
    await writeTranscript(historyDir, 'agent:main:main', transcriptLines);
    const writeMs = performance.now() - written;
    const fresh = await startGateway(historyDir);
    const loads: number[] = [];
    let loadRss: number;
    let messages = 0;
    try {
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const history = (await fresh.client.request('chat.history', { sessionKey: 'main', limit: 200 })) as { messages: unknown[] };
        loads.push(performance.now() - started);
        messages = history.messages.length;
      }
      loadRss = rssBytes(fresh.process.pid);
    } finally {
      await fresh.stop();
    }

    const growth = after.rss - before.rss;
    return [
      '',
      '## Chat turns (Rusty Claw, instant model in the gateway process)',
      `One client, one turn at a time: chat.send → the final \`chat\` event (durable inbox + transcript appends with fsync,`,
      `agent loop, event fan-out), ${turns} turns each after 200 warm-up turns.`,
      '',
      table(
        ['sessions', 'turns', 'p50', 'p99', 'max', 'goal p50 ≤ 2 ms'],
        (['one', 'twenty'] as const).map((kind) => {
          const sample = latencies[kind];
          return [kind === 'one' ? '1' : '20 (alternating)', String(turns), formatMs(percentile(sample, 50)), formatMs(percentile(sample, 99)), formatMs(Math.max(...sample)), percentile(sample, 50) <= 2 ? 'met' : 'NOT met'];
        }),
      ),
      '',
      `Memory of the gateway process: RSS ${formatMiB(rssStart)} at start; after ${2 * turns + 200} turns and a full GC RSS ${formatMiB(before.rss)} (V8 heap ${formatMiB(before.heapUsed)});`,
      `after ${memoryTurns} more turns over 50 sessions and a full GC RSS ${formatMiB(after.rss)} (heap ${formatMiB(after.heapUsed)}):`,
      `RSS growth ${formatMiB(growth)}, heap growth ${formatMiB(after.heapUsed - before.heapUsed)} (goal ≤ 10 MiB RSS growth: ${growth <= 10 * MiB ? 'met' : 'NOT met'}).`,
      '',
      `Loading a ${transcriptLines.toLocaleString('en')}-line transcript (written in ${formatMs(writeMs)} through FileSessionStore): chat.history {limit:200}`,
      `on a fresh gateway process — first call ${formatMs(loads[0] ?? Number.NaN)} (index check, reading the tail, projection), then median ${formatMs(median(loads.slice(1)))};`,
      `${messages} messages returned; gateway RSS afterwards ${formatMiB(loadRss)}.`,
    ].join('\n');
  } finally {
    await rm(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
}

// `node chat-turn-bench.ts [turns] [memoryTurns] [transcriptLines]` runs just this section.
if (import.meta.url === `file://${process.argv[1]}`) {
  const [turns, memoryTurns, transcriptLines] = process.argv.slice(2).map(Number);
  process.stdout.write(
    `${await chatTurnBenchReport({ ...(turns ? { turns } : {}), ...(memoryTurns ? { memoryTurns } : {}), ...(transcriptLines ? { transcriptLines } : {}) })}\n`,
  );
}
