import { GatewayOptionsError } from '../errors/gateway-options-error.js';
import type { RustyClawConfig } from '@rusty-claw/core';
import type { GatewayPolicy } from '../gateway-options.js';
import { DEFAULT_GATEWAY_POLICY } from './default-gateway-policy.js';

function requirePositiveInt(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new GatewayOptionsError('GATEWAY_POLICY_INVALID', `policy.${name} must be a positive integer (got ${String(value)})`);
  }
  return value;
}

/** The limits the config file sets (`gateway.auth.rateLimit`, `gateway.handshakeTimeoutMs`). */
function policyFromConfig(config: RustyClawConfig | undefined): Partial<GatewayPolicy> {
  const gateway = config?.gateway;
  if (!gateway) return {};
  return {
    ...(gateway.handshakeTimeoutMs === undefined ? {} : { handshakeTimeoutMs: gateway.handshakeTimeoutMs }),
    authRateLimit: { ...DEFAULT_GATEWAY_POLICY.authRateLimit, ...gateway.auth.rateLimit },
  };
}

/**
 * Defaults, then what the config sets, then the explicit `policy` option; every limit is checked, so a typo
 * fails at `createGateway` instead of at the first frame.
 */
export function resolveGatewayPolicy(partial: Partial<GatewayPolicy> = {}, config?: RustyClawConfig): GatewayPolicy {
  const fromConfig = policyFromConfig(config);
  const merged: GatewayPolicy = {
    ...DEFAULT_GATEWAY_POLICY,
    ...fromConfig,
    ...partial,
    authRateLimit: { ...DEFAULT_GATEWAY_POLICY.authRateLimit, ...fromConfig.authRateLimit, ...partial.authRateLimit },
  };
  for (const key of [
    'maxPayload',
    'maxBufferedBytes',
    'tickIntervalMs',
    'handshakeTimeoutMs',
    'preauthMaxPayload',
    'maxInFlightPerSocket',
    'pingIntervalMs',
    'drainTimeoutMs',
  ] as const) {
    requirePositiveInt(key, merged[key]);
  }
  for (const key of ['maxAttempts', 'windowMs'] as const) {
    requirePositiveInt(`authRateLimit.${key}`, merged.authRateLimit[key]);
  }
  const lockoutMs = merged.authRateLimit.lockoutMs;
  if (!Number.isSafeInteger(lockoutMs) || lockoutMs < 0) {
    throw new GatewayOptionsError('GATEWAY_POLICY_INVALID', `policy.authRateLimit.lockoutMs must be an integer >= 0 (got ${String(lockoutMs)})`);
  }
  if (merged.preauthMaxPayload > merged.maxPayload) {
    throw new GatewayOptionsError('GATEWAY_POLICY_INVALID', 'policy.preauthMaxPayload must not exceed policy.maxPayload');
  }
  return merged;
}
