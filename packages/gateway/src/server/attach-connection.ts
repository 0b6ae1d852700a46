import type { IncomingMessage } from 'node:http';
import { ErrorCodes, RequestFrameSchema } from '@rusty-claw/protocol';
import type { RawData, WebSocket } from 'ws';
import { GatewayConnection } from '../connection/gateway-connection.js';
import { DeviceStoreError } from '../errors/device-store-error.js';
import { errorShape, respondError } from '../connection/respond-error.js';
import { handleConnect } from '../handshake/handle-connect.js';
import { dispatchRequest } from '../methods/dispatch-request.js';
import type { MethodDefinition } from '../methods/method-definition.js';
import type { GatewayContext } from './gateway-context.js';

/** Frames a client may send while its `connect` is still being decided; they run after hello-ok. */
const MAX_FRAMES_DURING_HANDSHAKE = 16;

function rawDataToText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * Wires one upgraded socket: sends `connect.challenge` at once (no `seq`), arms the handshake timer, runs
 * the handshake on the first frame and dispatches every later one. Binary frames are decoded as UTF-8 and
 * treated like text, as OpenClaw does.
 */
export function attachConnection(params: {
  ctx: GatewayContext;
  socket: WebSocket;
  request: IncomingMessage;
  methods: ReadonlyMap<string, MethodDefinition>;
}): GatewayConnection {
  const { ctx, socket, request, methods } = params;
  const connection = new GatewayConnection(socket, request, { maxBufferedBytes: ctx.policy.maxBufferedBytes, logger: ctx.logger });
  ctx.connections.add(connection);
  let phase: 'awaiting-connect' | 'connecting' | 'connected' = 'awaiting-connect';
  const queued: RawData[] = [];
  let pingTimer: NodeJS.Timeout | undefined;

  const handshakeTimer = setTimeout(() => {
    if (phase !== 'connected') {
      ctx.logger.warn({ connId: connection.connId, remote: connection.remoteAddress }, 'handshake timeout');
      connection.close(1000, 'handshake timeout');
    }
  }, ctx.policy.handshakeTimeoutMs);

  const onConnected = (): void => {
    phase = 'connected';
    clearTimeout(handshakeTimer);
    pingTimer = setInterval(() => {
      if (connection.isOpen) socket.ping();
    }, ctx.policy.pingIntervalMs);
    for (const data of queued.splice(0)) onMessage(data);
  };

  const onFirstFrame = (text: string): void => {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      // Not even JSON: nothing to answer. OpenClaw closes 1000 without a frame and with an empty reason.
      connection.close(1000, '');
      return;
    }
    const frame = RequestFrameSchema.safeParse(parsed.value);
    if (!frame.success) {
      connection.close(1008, 'invalid request frame');
      return;
    }
    if (frame.data.method !== 'connect') {
      const message = 'invalid handshake: first request must be connect';
      respondError(connection, frame.data.id, errorShape(ErrorCodes.INVALID_REQUEST, message));
      connection.close(1008, message);
      return;
    }
    phase = 'connecting';
    handleConnect(ctx, connection, frame.data)
      .then(() => {
        if (connection.session) onConnected();
      })
      .catch((error: unknown) => {
        ctx.logger.error({ connId: connection.connId, error: String(error) }, 'connect failed');
        // The details (file paths) go to the log, not to a client that may not be authenticated yet.
        const message = DeviceStoreError.isInstance(error)
          ? 'device pairing is unavailable: the gateway cannot read its device files'
          : 'connect failed; retry shortly';
        respondError(connection, frame.data.id, errorShape(ErrorCodes.UNAVAILABLE, message, { retryable: true }));
        connection.close(1011, 'connect failed');
      });
  };

  const onMessage = (data: RawData): void => {
    if (!connection.isOpen) return;
    if (phase === 'connecting') {
      if (queued.length >= MAX_FRAMES_DURING_HANDSHAKE) connection.close(1008, 'too many frames before hello-ok');
      else queued.push(data);
      return;
    }
    const text = rawDataToText(data);
    if (phase === 'awaiting-connect') {
      onFirstFrame(text);
      return;
    }
    const session = connection.session;
    if (!session) return;
    const parsed = parseJson(text);
    if (!parsed.ok) {
      respondError(connection, 'invalid', errorShape(ErrorCodes.INVALID_REQUEST, 'invalid request frame: not valid JSON'));
      return;
    }
    void dispatchRequest({ ctx, connection, session, value: parsed.value, methods });
  };

  socket.on('message', onMessage);
  socket.on('error', (error) => {
    ctx.logger.warn({ connId: connection.connId, error: error.message }, 'socket error');
  });
  socket.once('close', () => {
    clearTimeout(handshakeTimer);
    if (pingTimer) clearInterval(pingTimer);
    ctx.connections.delete(connection);
    const presenceKey = connection.session?.presenceKey;
    if (presenceKey) {
      ctx.presence.upsert(presenceKey, { reason: 'disconnect' });
      ctx.publishPresence();
    }
  });

  connection.sendRaw({ type: 'event', event: 'connect.challenge', payload: { nonce: connection.nonce, ts: ctx.now() } });
  return connection;
}
