// Sequential `health` RPC throughput on one socket: one request in flight at a time, so the figure is
// round-trip latency bound (what the CLI and Control UI see), not a pipelining stress test.
import { connectRaw } from '../raw-gateway-client.ts';
import { percentile } from './stats.ts';

export interface ThroughputResult {
  requests: number;
  failures: number;
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

export async function measureSequentialHealth(
  url: string,
  token: string,
  { requests, warmup, budgetMs }: { requests: number; warmup: number; budgetMs: number },
): Promise<ThroughputResult> {
  const session = await connectRaw({ url, token, minProtocol: 4, maxProtocol: 4, scopes: ['operator.read'] });
  session.recording = false; // keep no frame history in a long loop
  try {
    for (let i = 0; i < warmup; i++) await session.request('health', {});
    const latencies: number[] = [];
    let failures = 0;
    const deadline = performance.now() + budgetMs;
    const started = performance.now();
    for (let i = 0; i < requests && performance.now() < deadline; i++) {
      const t0 = performance.now();
      const res = await session.request('health', {});
      latencies.push(performance.now() - t0);
      if (res.frame['ok'] !== true) failures++;
    }
    const elapsed = performance.now() - started;
    return {
      requests: latencies.length,
      failures,
      reqPerSec: (latencies.length / elapsed) * 1000,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      maxMs: Math.max(...latencies),
    };
  } finally {
    await session.close();
  }
}
