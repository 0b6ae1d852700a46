// `pnpm bench`: Rusty Claw vs OpenClaw 2026.9.6, started the same way on this machine, side by side.
// Prints tables to stdout and asserts nothing: absolute numbers move from box to box, so only the
// same-run comparison and the goals (≤ 300 ms spawn → hello-ok, ≤ 60 MiB idle RSS) mean anything.
// Run it after a build (the root `pnpm bench` script builds first).
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { assertBuilt } from '../paths.ts';
import { runProcess } from '../run-process.ts';
import { startRustyClawGateway } from '../rusty-claw-gateway.ts';
import { channelsIdleRssSection } from './channels-idle-rss.ts';
import { measureSequentialHealth } from './rpc-throughput.ts';
import { measureStart, type GatewayKind, type StartSample } from './spawn-to-hello.ts';
import { formatMiB, formatMs, median, MiB, table } from './stats.ts';

const GOAL_HELLO_MS = 300;
const GOAL_RSS_BYTES = 60 * MiB;

const { values: flags } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    'openclaw-runs': { type: 'string', default: '3' },
    'idle-ms': { type: 'string', default: '2000' },
    requests: { type: 'string', default: '2000' },
    'skip-openclaw': { type: 'boolean', default: false },
  },
});

function positiveInt(name: string, text: string | undefined): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer, got ${String(text)}`);
  return value;
}

const runs = positiveInt('runs', flags.runs);
const openClawRuns = flags['skip-openclaw'] ? 0 : positiveInt('openclaw-runs', flags['openclaw-runs']);
const idleMs = positiveInt('idle-ms', flags['idle-ms']);
const requests = positiveInt('requests', flags.requests);

async function sampleStarts(kind: GatewayKind, count: number, openClawCompileCacheDir: string): Promise<StartSample[]> {
  const samples: StartSample[] = [];
  for (let i = 0; i < count; i++) {
    const sample = await measureStart(kind, {
      idleMs,
      helloTimeoutMs: kind === 'rusty-claw' ? 15_000 : 180_000,
      openClawCompileCacheDir,
    });
    samples.push(sample);
    process.stderr.write(
      `  ${kind} run ${i + 1}/${count}: hello-ok ${formatMs(sample.helloMs)}, idle RSS ${formatMiB(sample.idleRssBytes)} ` +
        `(${sample.processes} process${sample.processes === 1 ? '' : 'es'}), stop → exit ${String(sample.exit.code)}\n`,
    );
  }
  return samples;
}

/** Spawn → exit of `node -e 0`: the floor under any Node gateway's start time on this box right now. */
async function bareNodeStartMs(count: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < count; i++) {
    const result = await runProcess(process.execPath, ['-e', '0'], { env: { PATH: process.env['PATH'] ?? '' }, timeoutMs: 10_000 });
    times.push(result.durationMs);
  }
  return median(times);
}

function startRow(name: string, samples: StartSample[]): string[] {
  if (samples.length === 0) return [name, '0', 'skipped', '', '', '', ''];
  const hello = samples.map((s) => s.helloMs);
  const rss = samples.map((s) => s.idleRssBytes);
  const warm = hello.slice(1);
  const exits = [...new Set(samples.map((s) => (s.exit.killed ? 'killed' : String(s.exit.code))))].join(',');
  return [
    name,
    String(samples.length),
    formatMs(median(hello)),
    `${formatMs(Math.min(...hello))} – ${formatMs(Math.max(...hello))}`,
    `${formatMs(hello[0] ?? Number.NaN)} / ${warm.length ? formatMs(median(warm)) : 'n/a'}`,
    `${formatMiB(median(rss))} (${samples[0]?.processes ?? 0} proc)`,
    exits,
  ];
}

async function main(): Promise<void> {
  assertBuilt();
  const scratch = await mkdtemp(join(tmpdir(), 'rc-bench-'));
  try {
    process.stderr.write(`bench: ${runs} Rusty Claw start(s), ${openClawRuns} OpenClaw 2026.9.6 start(s), ${idleMs} ms idle each\n`);
    const loadBefore = loadavg()[0] ?? Number.NaN;
    const bareNode = await bareNodeStartMs(5);
    const compileCache = join(scratch, 'node-compile-cache');
    const ours = await sampleStarts('rusty-claw', runs, compileCache);
    const theirs = await sampleStarts('openclaw-v4', openClawRuns, compileCache);

    process.stderr.write(`bench: ${requests} sequential health RPCs against Rusty Claw\n`);
    const gateway = await startRustyClawGateway({ token: 'bench-token-0123456789abcdef' });
    let throughput;
    try {
      throughput = await measureSequentialHealth(gateway.url, gateway.token, { requests, warmup: 50, budgetMs: 60_000 });
    } finally {
      await gateway.stop();
    }

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    const out = [
      `# Rusty Claw vs OpenClaw 2026.9.6 — ${new Date().toISOString()}`,
      `node ${process.version}, ${cpus().length} × ${cpu}, loopback only; 1-min load average ${loadBefore.toFixed(1)} before, ${(loadavg()[0] ?? Number.NaN).toFixed(1)} after`,
      `bare \`node -e 0\` spawn → exit on this box now: ${formatMs(bareNode)} (median of 5)`,
      '',
      '## Spawn → hello-ok and idle RSS',
      'Spawn the gateway process on a fixed free port, poll-connect a protocol-4 client (token auth, operator.read)',
      `as soon as the port accepts, time to hello-ok; then stay connected ${idleMs} ms and sum VmRSS over the`,
      'gateway process tree (/proc/<pid>/status). "cold / warm" = first run / median of the later runs.',
      '',
      table(
        ['gateway', 'runs', 'spawn→hello-ok (median)', 'min – max', 'cold / warm', 'idle RSS (median)', 'SIGTERM exit'],
        [startRow('Rusty Claw', ours), startRow('OpenClaw 2026.9.6', theirs)],
      ),
      '',
      `Goals: spawn → hello-ok ≤ ${GOAL_HELLO_MS} ms, idle RSS ≤ ${GOAL_RSS_BYTES / MiB} MiB. ` +
        `Rusty Claw: ${verdict(median(ours.map((s) => s.helloMs)), GOAL_HELLO_MS)} / ${verdict(median(ours.map((s) => s.idleRssBytes)), GOAL_RSS_BYTES)}.`,
      '',
      '## Sequential `health` RPC, one socket (Rusty Claw)',
      table(
        ['requests', 'failures', 'req/s', 'p50', 'p99', 'max'],
        [[String(throughput.requests), String(throughput.failures), throughput.reqPerSec.toFixed(0), formatMs(throughput.p50Ms), formatMs(throughput.p99Ms), formatMs(throughput.maxMs)]],
      ),
      'Reference (openclaw-v4-live.md §6, another 2-core box): OpenClaw 2026.9.6 1,401 req/s, p50 0.62 ms, p99 2.6 ms.',
      ...(await channelsIdleRssSection({ idleMs })),
    ];
    process.stdout.write(`${out.join('\n')}\n`);
    process.stdout.write(`${await (await import('./chat-turn-bench.ts')).chatTurnBenchReport()}\n`);
  } finally {
    await rm(scratch, { recursive: true, force: true, maxRetries: 3 });
  }
}

function verdict(value: number, goal: number): string {
  return value <= goal ? 'met' : 'NOT met';
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
