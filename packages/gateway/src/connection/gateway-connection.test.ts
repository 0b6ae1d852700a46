import type { IncomingMessage } from 'node:http';
import { silentLogger } from '@rusty-claw/plugin-sdk';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { GatewayConnection, truncateCloseReason } from './gateway-connection.js';

/** The network edge, faked: a socket whose send buffer fill level the test sets. */
function fakeSocket() {
  const sent: unknown[] = [];
  const closes: Array<{ code: number; reason: string }> = [];
  const socket = {
    readyState: 1,
    bufferedAmount: 0,
    send: (text: string) => sent.push(JSON.parse(text)),
    close: (code: number, reason: string) => {
      closes.push({ code, reason });
      socket.readyState = 2;
    },
    terminate: () => undefined,
  };
  const request = { socket: { remoteAddress: '127.0.0.1' }, headers: {} } as unknown as IncomingMessage;
  const connection = new GatewayConnection(socket as unknown as WebSocket, request, { maxBufferedBytes: 1_000, logger: silentLogger });
  return { socket, sent, closes, connection };
}

describe('GatewayConnection send rules', () => {
  it('broadcast events carry a contiguous per-socket seq; targeted events carry none', () => {
    const { connection, sent } = fakeSocket();
    connection.sendBroadcastEvent('tick', { ts: 1 });
    connection.sendTargetedEvent('node.invoke.request', { id: 'x' });
    connection.sendBroadcastEvent('tick', { ts: 2 });
    expect(sent).toEqual([
      { type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1 },
      { type: 'event', event: 'node.invoke.request', payload: { id: 'x' } },
      { type: 'event', event: 'tick', payload: { ts: 2 }, seq: 2 },
    ]);
  });

  it('when slow, a dropIfSlow event is skipped but its seq is spent, so the client sees the gap', () => {
    const { connection, socket, sent, closes } = fakeSocket();
    connection.sendBroadcastEvent('presence', { presence: [] }, { dropIfSlow: true });
    socket.bufferedAmount = 5_000;
    connection.sendBroadcastEvent('presence', { presence: [] }, { dropIfSlow: true });
    socket.bufferedAmount = 0;
    connection.sendBroadcastEvent('presence', { presence: [] }, { dropIfSlow: true });
    expect(sent.map((frame) => (frame as { seq?: number }).seq)).toEqual([1, 3]);
    expect(closes).toEqual([]);
  });

  it('when slow, any other frame closes the socket with 1008 "slow consumer" instead of queueing more', () => {
    const { connection, socket, sent, closes } = fakeSocket();
    socket.bufferedAmount = 5_000;
    connection.sendResponse({ type: 'res', id: 'a', ok: true, payload: {} });
    connection.sendBroadcastEvent('tick', { ts: 1 });
    expect(sent).toEqual([]);
    expect(closes).toEqual([{ code: 1008, reason: 'slow consumer' }]);
  });

  it('close reasons are cut to the 123 bytes WebSocket allows, on a character boundary', () => {
    expect(truncateCloseReason('short')).toBe('short');
    const long = 'é'.repeat(100);
    const cut = truncateCloseReason(long);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(123);
    expect(cut.endsWith('...')).toBe(true);
    expect(cut).not.toContain('\uFFFD');
  });
});
