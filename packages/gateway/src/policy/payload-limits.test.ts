import { afterEach, describe, expect, it } from 'vitest';
import { RawSocket, connectRaw } from '../test-support/raw-socket.js';
import { RawTcpWebSocket } from '../test-support/raw-tcp-websocket.js';
import { cliConnectParams, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

describe('frame size limits: 64 KiB before hello-ok, policy.maxPayload after', () => {
  let gateway: TestGateway | undefined;
  const sockets: RawSocket[] = [];
  const tcp: RawTcpWebSocket[] = [];

  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    for (const socket of tcp.splice(0)) socket.destroy();
    await gateway?.close();
    gateway = undefined;
  });

  it('a pre-auth frame over 65536 bytes closes the socket with 1009; the gateway stays healthy', async () => {
    gateway = await startTestGateway();
    const socket = await RawSocket.open(gateway.url);
    sockets.push(socket);
    await socket.challenge();
    socket.send({ type: 'req', id: 'c1', method: 'connect', params: { ...cliConnectParams(), pad: 'x'.repeat(70_000) } });
    expect((await socket.closed).code).toBe(1009);
    const { answer } = await connectRaw(gateway.url, () => cliConnectParams());
    expect(answer.ok).toBe(true);
  });

  it('a header announcing a huge payload is refused from the header alone (nothing buffered)', async () => {
    gateway = await startTestGateway();
    const socket = await RawTcpWebSocket.open(gateway.port);
    tcp.push(socket);
    socket.sendHeaderOnly(2n ** 40n); // 1 TiB announced, 0 bytes sent
    await socket.waitFor(() => socket.closeCode() !== undefined);
    expect(socket.closeCode()).toBe(1009);
    await socket.ended;
  });

  it('after hello-ok frames up to policy.maxPayload are read; bigger ones close with 1009', async () => {
    gateway = await startTestGateway({ policy: { maxPayload: 300_000 } });
    const { socket, answer } = await connectRaw(gateway.url, () => cliConnectParams());
    sockets.push(socket);
    expect(answer.payload.policy.maxPayload).toBe(300_000);
    // 200 KB: over the pre-auth cap, under the negotiated one. health drops unknown keys.
    const big = await socket.request('big', 'health', { pad: 'y'.repeat(200_000) });
    expect(big.ok).toBe(true);
    socket.send({ type: 'req', id: 'huge', method: 'health', params: { pad: 'z'.repeat(400_000) } });
    expect((await socket.closed).code).toBe(1009);
  });
});
