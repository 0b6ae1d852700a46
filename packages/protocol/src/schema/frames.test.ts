import { describe, expect, it } from 'vitest';
import { loadV4Capture } from '../__fixtures__/load-fixture.js';
import { ErrorShapeSchema, EventFrameSchema, GatewayFrameSchema, RequestFrameSchema, ResponseFrameSchema } from './frames.js';

const capture = loadV4Capture();

describe('frames', () => {
  it('accepts every frame OpenClaw 2026.9.6 sent or received', () => {
    for (const key of ['challenge', 'connectCli', 'helloOk', 'healthRequest', 'healthEvent', 'healthResponse', 'healthRequestNoParams', 'statusRequest', 'statusResponse', 'forbiddenResponse', 'connectSigned']) {
      const result = GatewayFrameSchema.safeParse(capture[key]);
      expect(result.success, `${key}: ${result.error?.message}`).toBe(true);
    }
    for (const frame of capture.errorFrames) expect(ResponseFrameSchema.safeParse(frame).success).toBe(true);
  });

  it('keeps a request without params as such (the server treats it as {})', () => {
    const parsed = RequestFrameSchema.parse(capture['healthRequestNoParams']);
    expect(parsed.params).toBeUndefined();
    expect(parsed.method).toBe('health');
  });

  it('rejects an extra top-level key on every frame kind', () => {
    expect(RequestFrameSchema.safeParse({ type: 'req', id: 'x', method: 'health', extra: 1 }).success).toBe(false);
    expect(ResponseFrameSchema.safeParse({ type: 'res', id: 'x', ok: true, traceparent: 'a' }).success).toBe(false);
    expect(EventFrameSchema.safeParse({ type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1, extra: true }).success).toBe(false);
  });

  it('accepts a v4 traceparent on requests only, up to 128 characters', () => {
    expect(RequestFrameSchema.safeParse({ type: 'req', id: 'x', method: 'health', traceparent: '00-abc-def-01' }).success).toBe(true);
    expect(RequestFrameSchema.safeParse({ type: 'req', id: 'x', method: 'health', traceparent: 'a'.repeat(129) }).success).toBe(false);
  });

  it('requires non-empty id/method/event and an integer seq ≥ 0', () => {
    expect(RequestFrameSchema.safeParse({ type: 'req', id: '', method: 'health' }).success).toBe(false);
    expect(RequestFrameSchema.safeParse({ type: 'req', id: 'x', method: '' }).success).toBe(false);
    expect(EventFrameSchema.safeParse({ type: 'event', event: '' }).success).toBe(false);
    expect(EventFrameSchema.safeParse({ type: 'event', event: 'tick', seq: 1.5 }).success).toBe(false);
    expect(EventFrameSchema.safeParse({ type: 'event', event: 'tick', seq: -1 }).success).toBe(false);
  });

  it('stateVersion has exactly presence and health', () => {
    expect(EventFrameSchema.safeParse({ type: 'event', event: 'presence', stateVersion: { presence: 1, health: 2 } }).success).toBe(true);
    expect(EventFrameSchema.safeParse({ type: 'event', event: 'presence', stateVersion: { presence: 1 } }).success).toBe(false);
    expect(EventFrameSchema.safeParse({ type: 'event', event: 'presence', stateVersion: { presence: 1, health: 2, x: 3 } }).success).toBe(false);
  });

  it('error shape: non-empty code and message, integer retryAfterMs, nothing else', () => {
    expect(ErrorShapeSchema.safeParse({ code: 'UNAVAILABLE', message: 'busy', retryable: true, retryAfterMs: 500 }).success).toBe(true);
    expect(ErrorShapeSchema.safeParse({ code: 'UNAVAILABLE', message: '' }).success).toBe(false);
    expect(ErrorShapeSchema.safeParse({ code: 'UNAVAILABLE', message: 'x', retryAfterMs: 0.5 }).success).toBe(false);
    expect(ErrorShapeSchema.safeParse({ code: 'UNAVAILABLE', message: 'x', hint: 'y' }).success).toBe(false);
  });

  it('rejects an unknown frame type', () => {
    expect(GatewayFrameSchema.safeParse({ type: 'bogus', id: 'b1' }).success).toBe(false);
  });
});
