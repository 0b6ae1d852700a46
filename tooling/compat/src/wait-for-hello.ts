// Poll a gateway until a client completes the handshake: connect as soon as the port accepts,
// retry on refusal, and report when hello-ok arrived.
import { connectRaw, type RawConnectOptions, type RawGatewaySession } from './raw-gateway-client.ts';

export interface HelloTiming {
  session: RawGatewaySession;
  /** performance.now() when hello-ok was received */
  helloAt: number;
  attempts: number;
}

export async function waitForHello(
  options: RawConnectOptions,
  { timeoutMs, intervalMs = 10, isAlive }: { timeoutMs: number; intervalMs?: number; isAlive?: () => boolean },
): Promise<HelloTiming> {
  const deadline = performance.now() + timeoutMs;
  let attempts = 0;
  let lastError: unknown;
  while (performance.now() < deadline) {
    if (isAlive && !isAlive()) throw new Error(`gateway exited before hello-ok (last error: ${String(lastError)})`);
    attempts++;
    try {
      const session = await connectRaw({ ...options, timeoutMs: Math.max(1000, deadline - performance.now()) });
      return { session, helloAt: performance.now(), attempts };
    } catch (error) {
      lastError = error;
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  }
  throw new Error(`no hello-ok from ${options.url} within ${timeoutMs} ms after ${attempts} attempts: ${String(lastError)}`);
}
