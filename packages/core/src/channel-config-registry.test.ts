import { z } from 'zod';
import { afterEach, describe, expect, test } from 'vitest';
import { registerChannelConfigSchema, registeredChannelNames } from './channel-config-registry.js';
import { configJsonSchema } from './config-json-schema.js';
import { SecretInputSchema } from './secret-input.js';
import { validateConfig } from './validate-config.js';

const TelegramFragment = z.strictObject({
  enabled: z.boolean().optional(),
  botToken: SecretInputSchema.optional(),
  dmPolicy: z.enum(['pairing', 'allowlist', 'open', 'disabled']).default('pairing'),
  allowFrom: z.array(z.union([z.string(), z.number()])).optional(),
});

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function register(...args: Parameters<typeof registerChannelConfigSchema>): void {
  cleanups.push(registerChannelConfigSchema(...args));
}

describe('registerChannelConfigSchema', () => {
  test('a registered fragment validates its channel, applies its defaults and resolves its secrets', () => {
    register('telegram', TelegramFragment, { openclawOnlyKeys: ['groupPolicy', 'streaming'] });
    expect(registeredChannelNames()).toEqual(['telegram']);
    const value = { channels: { telegram: { botToken: { source: 'env', provider: 'default', id: 'TG_TOKEN' }, groupPolicy: 'allowlist' }, discord: { token: 'x' } } };
    const validated = validateConfig(value, { env: { TG_TOKEN: '1:abc' } });
    expect(validated.config.channels?.['telegram']).toEqual({ botToken: '1:abc', dmPolicy: 'pairing' });
    expect(validated.unsupported).toEqual(['channels.telegram.groupPolicy']);
    expect(validated.warnings).toEqual([expect.stringContaining('channels.discord: no channel adapter registered')]);
  });

  test('typos and bad values inside a registered channel are errors with paths', () => {
    register('telegram', TelegramFragment);
    const attempt = () => validateConfig({ channels: { telegram: { botTokn: 'x', dmPolicy: 'sometimes' } } }, { env: {} });
    expect(attempt).toThrow('channels.telegram.botTokn: unknown key "botTokn" (did you mean channels.telegram.botToken?)');
    expect(attempt).toThrow('channels.telegram.dmPolicy: expected one of "pairing", "allowlist", "open", "disabled", received "sometimes"');
  });

  test('unregistering restores the open channel shape; the JSON Schema follows the registry', () => {
    const unregister = registerChannelConfigSchema('telegram', TelegramFragment);
    const withFragment = configJsonSchema() as { properties: { channels: { properties?: Record<string, unknown> } } };
    expect(withFragment.properties.channels.properties?.['telegram']).toMatchObject({ type: 'object', additionalProperties: false });
    unregister();
    expect(registeredChannelNames()).toEqual([]);
    expect(validateConfig({ channels: { telegram: { botTokn: 'x' } } }, { env: {} }).config.channels).toEqual({ telegram: { botTokn: 'x' } });
    const without = configJsonSchema() as { properties: { channels: { properties?: Record<string, unknown> } } };
    expect(without.properties.channels.properties?.['telegram']).toBeUndefined();
  });

  test('rejects names that cannot be config keys', () => {
    expect(() => registerChannelConfigSchema('bad name', TelegramFragment)).toThrow(TypeError);
    expect(() => registerChannelConfigSchema('', TelegramFragment)).toThrow(TypeError);
  });
});
