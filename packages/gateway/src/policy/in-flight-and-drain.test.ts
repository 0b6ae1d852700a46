import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { mkdir, open } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRaw, type RawSocket } from '../test-support/raw-socket.js';
import { cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Makes `status` block: its session index becomes a FIFO, so reading it waits until the test writes. A real
 * file-system stall, with no mocking of the gateway.
 */
async function blockStatus(gateway: TestGateway): Promise<{ release(): Promise<void> }> {
  const dir = join(gateway.stateDir, 'agents', 'main', 'sessions');
  await mkdir(dir, { recursive: true });
  const fifo = join(dir, 'sessions.json');
  execFileSync('mkfifo', [fifo]);
  const blocker = {
    /** Feeds the waiting reader, if any. Non-blocking: with no reader, opening for write fails (ENXIO) instead of hanging. */
    async release(): Promise<void> {
      let handle;
      try {
        handle = await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK);
      } catch {
        return;
      }
      await handle.writeFile('{}');
      await handle.close();
    },
  };
  blockers.push(blocker);
  return blocker;
}

const blockers: Array<{ release(): Promise<void> }> = [];

describe('per-socket in-flight limit and draining on close', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];

  afterEach(async () => {
    // Never leave a file-system thread parked on a FIFO, even when a test failed half-way.
    for (const blocker of blockers.splice(0)) await blocker.release();
    for (const socket of sockets.splice(0)) socket.close();
    await gateway?.close();
    gateway = undefined;
  });

  it('a flood beyond maxInFlightPerSocket is answered "busy" (retryable) for the excess; every request gets an answer', async () => {
    // Two, not more: each stalled read holds one of libuv's four file-system threads.
    gateway = await startTestGateway({ policy: { maxInFlightPerSocket: 2 } });
    const { socket } = await connectRaw(gateway.url, () => cliConnectParams());
    sockets.push(socket);
    const blocker = await blockStatus(gateway); // the first 2 stay in flight until released
    const count = 50;
    for (let index = 0; index < count; index += 1) socket.send({ type: 'req', id: `q${index}`, method: 'status' });
    const answers = () => socket.frames.filter((frame) => frame.type === 'res' && frame.id?.startsWith('q'));
    await until(() => answers().length === count - 2);
    expect(gateway.server.ctx.requests.size).toBe(2);
    for (const frame of answers()) {
      expect(frame.error).toEqual({ code: 'UNAVAILABLE', message: 'The server is busy. Please try again in a moment.', retryable: true });
    }
    // The limit is per socket, whatever the method.
    expect((await socket.request('during', 'health')).error?.code).toBe('UNAVAILABLE');
    await blocker.release();
    await until(() => answers().length === count);
    expect(answers().filter((frame) => frame.ok).map((frame) => frame.id).sort()).toEqual(['q0', 'q1']); // answers may come back out of order
    expect((await socket.request('after', 'health')).ok).toBe(true);
  });

  it('close() waits for in-flight requests before closing sockets (1012)', async () => {
    gateway = await startTestGateway();
    const { socket } = await connectRaw(gateway.url, () => cliConnectParams());
    sockets.push(socket);
    const blocker = await blockStatus(gateway);
    socket.send({ type: 'req', id: 's1', method: 'status' });
    await until(() => gateway!.server.ctx.requests.size === 1);

    const closing = gateway.server.close('restart');
    expect((await socket.waitFor((frame) => frame.event === 'shutdown')).payload).toEqual({ reason: 'restart' });
    // A request arriving during the drain is refused, the socket stays open for the pending answer.
    expect((await socket.request('late', 'health')).error).toEqual({ code: 'UNAVAILABLE', message: 'gateway is shutting down', retryable: true });
    expect(socket.ws.readyState).toBe(socket.ws.OPEN);
    await blocker.release();
    expect((await socket.response('s1')).ok).toBe(true);
    expect(await socket.closed).toEqual({ code: 1012, reason: 'service restart' });
    await closing;
  });

  it('the drain is bounded by policy.drainTimeoutMs', async () => {
    gateway = await startTestGateway({ policy: { drainTimeoutMs: 100 } });
    const { socket } = await connectRaw(gateway.url, () => cliConnectParams());
    sockets.push(socket);
    await blockStatus(gateway); // released by afterEach
    socket.send({ type: 'req', id: 's1', method: 'status' });
    await until(() => gateway!.server.ctx.requests.size === 1);
    await gateway.server.close('restart');
    expect((await socket.closed).code).toBe(1012);
    expect(gateway.logger.has('closing with requests still in flight')).toBe(true);
  });
});
