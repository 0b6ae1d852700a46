import { describe, expect, test } from 'vitest';
import { configJsonSchema } from './config-json-schema.js';
import { configUiHints } from './config-ui-hints.js';
import { getAtPath } from './object-path.js';

describe('configJsonSchema', () => {
  test('describes the input side: defaults, enums, limits, hints and secret fields', () => {
    const schema = configJsonSchema();
    expect(schema['$schema']).toBe('https://json-schema.org/draft/2020-12/schema');
    const gateway = getAtPath(schema, 'properties.gateway.properties');
    expect(getAtPath(gateway, 'port')).toMatchObject({ type: 'integer', minimum: 1, maximum: 65535, default: 18789, title: 'Gateway port' });
    expect(getAtPath(gateway, 'bind.enum')).toEqual(['loopback', 'lan', 'custom']);
    expect(getAtPath(gateway, 'auth.properties.token')).toMatchObject({ title: 'Gateway token', writeOnly: true, anyOf: expect.any(Array) });
    expect(getAtPath(gateway, 'auth.properties.rateLimit.properties.maxAttempts.default')).toBe(10);
    expect(getAtPath(schema, 'properties.models.properties.providers.additionalProperties.properties.apiKey.writeOnly')).toBe(true);
    expect(getAtPath(schema, 'properties.models.properties.providers.additionalProperties.required')).toEqual(['baseUrl', 'models']);
  });

  test('declares OpenClaw-only settings as open, documented slots so editors accept them', () => {
    const schema = configJsonSchema();
    expect(getAtPath(schema, 'properties.wizard.description')).toContain('does not implement yet');
    expect(getAtPath(schema, 'properties.gateway.properties.tls.description')).toContain('does not implement yet');
    expect(getAtPath(schema, 'properties.agents.properties.list.items.properties.identity.description')).toContain('does not implement yet');
    expect(getAtPath(schema, 'properties.gateway.additionalProperties')).toBe(false);
  });

  test('returns a fresh copy each time', () => {
    const first = configJsonSchema();
    first['title'] = 'mutated';
    expect(configJsonSchema()['title']).toBe('Rusty Claw config');
  });
});

test('configUiHints marks every implemented secret field sensitive', () => {
  const hints = configUiHints();
  const sensitive = Object.entries(hints)
    .filter(([, hint]) => hint.sensitive === true)
    .map(([path]) => path)
    .sort();
  expect(sensitive).toEqual([
    'gateway.auth.password',
    'gateway.auth.token',
    'gateway.remote.password',
    'gateway.remote.token',
    'models.providers.*.apiKey',
    'models.providers.*.headers.*',
  ]);
  expect(hints['gateway.port']).toMatchObject({ label: 'Gateway port' });
});
