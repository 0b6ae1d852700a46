import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { connectRaw, type RawSocket } from '../test-support/raw-socket.js';
import { cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

async function until(condition: () => boolean, timeoutMs = 8_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('slow consumers', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await gateway?.close();
    gateway = undefined;
  });

  it('a client that stops reading is closed with 1008 "slow consumer" once its buffer passes maxBufferedBytes', async () => {
    gateway = await startTestGateway({ policy: { maxBufferedBytes: 256 * 1024 } });
    const { socket, answer } = await connectRaw(gateway.url, () => cliConnectParams());
    sockets.push(socket);
    expect(answer.ok).toBe(true);
    const tcp = (socket.ws as unknown as { _socket: Socket })._socket;
    tcp.pause(); // stop reading: the kernel buffers fill, then the gateway's own send buffer grows
    for (let index = 0; index < 30_000; index += 1) socket.send({ type: 'req', id: `h${index}`, method: 'system-presence' });
    await until(() => gateway!.logger.has('slow consumer'));
    // The other clients are unaffected.
    const other = await connectRaw(gateway.url, () => cliConnectParams());
    sockets.push(other.socket);
    expect((await other.socket.request('x', 'health')).ok).toBe(true);
    tcp.resume();
    expect(await socket.closed).toEqual({ code: 1008, reason: 'slow consumer' });
  });
});
