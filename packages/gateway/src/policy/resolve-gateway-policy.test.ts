import { validateConfig } from '@rusty-claw/core';
import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAY_POLICY } from './default-gateway-policy.js';
import { resolveGatewayPolicy } from './resolve-gateway-policy.js';

describe('resolveGatewayPolicy', () => {
  it('defaults < config (rate limit, handshake timeout) < explicit policy', () => {
    const config = validateConfig({ gateway: { handshakeTimeoutMs: 5_000, auth: { rateLimit: { maxAttempts: 4 } } } }).config;
    const fromConfig = resolveGatewayPolicy({}, config);
    expect(fromConfig.handshakeTimeoutMs).toBe(5_000);
    expect(fromConfig.authRateLimit).toEqual({ maxAttempts: 4, windowMs: 60_000, lockoutMs: 300_000, exemptLoopback: true });
    expect(fromConfig.maxPayload).toBe(DEFAULT_GATEWAY_POLICY.maxPayload);
    const explicit = resolveGatewayPolicy({ handshakeTimeoutMs: 100, authRateLimit: { maxAttempts: 2, windowMs: 1_000, lockoutMs: 0 } }, config);
    expect(explicit.handshakeTimeoutMs).toBe(100);
    expect(explicit.authRateLimit).toEqual({ maxAttempts: 2, windowMs: 1_000, lockoutMs: 0, exemptLoopback: true });
  });

  it('without a config, loopback is not exempt', () => {
    expect(resolveGatewayPolicy().authRateLimit.exemptLoopback).toBeUndefined();
  });

  it('rejects limits that are not positive integers, and a pre-auth cap above maxPayload', () => {
    expect(() => resolveGatewayPolicy({ maxInFlightPerSocket: 0 })).toThrow(/maxInFlightPerSocket/);
    expect(() => resolveGatewayPolicy({ authRateLimit: { maxAttempts: 1, windowMs: 1, lockoutMs: -1 } })).toThrow(/lockoutMs/);
    expect(() => resolveGatewayPolicy({ maxPayload: 1_000, preauthMaxPayload: 2_000 })).toThrow(/preauthMaxPayload/);
  });
});
