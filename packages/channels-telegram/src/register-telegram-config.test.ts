import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@rusty-claw/core';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { registerTelegramConfig } from './register-telegram-config.js';

// The real core loader with the real registration: what the gateway's composition root does.

let dir: string;
let unregister: (() => void) | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-telegram-config-'));
});
afterEach(async () => {
  unregister?.();
  unregister = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function load(text: string, env: Record<string, string> = {}) {
  const path = join(dir, 'rusty-claw.json');
  await writeFile(path, text);
  return core.loadConfig({ path, env });
}

test('before registering, channels.telegram is any object; after, a bad key is an issue naming its path', async () => {
  const text = '{channels: {telegram: {botToken: "1:x", dmPolcy: "open"}}}';
  expect((await load(text)).warnings).toEqual([expect.stringContaining('channels.telegram: no channel adapter registered')]);

  unregister = registerTelegramConfig(core);
  expect(core.registeredChannelNames()).toContain('telegram');
  const error = await load(text).catch((caught: unknown) => caught);
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  expect(error.issues).toEqual([expect.objectContaining({ path: 'channels.telegram.dmPolcy' })]);
  expect(error.message).toContain('channels.telegram.dmPolcy');

  const nested = await load('{channels: {telegram: {accounts: {ops: {groups: {"-1": {requireMention: "yes"}}}}}}}').catch((caught: unknown) => caught);
  if (!ConfigError.isInstance(nested)) throw new Error('expected a ConfigError');
  expect(nested.issues.map((issue) => issue.path)).toEqual(['channels.telegram.accounts.ops.groups["-1"].requireMention']);
});

test('a valid section loads with defaults, env SecretRefs resolved and OpenClaw-only keys reported', async () => {
  unregister = registerTelegramConfig(core);
  const loaded = await load('{channels: {telegram: {botToken: {source: "env", provider: "default", id: "TG_TOKEN"}, streaming: "partial"}}}', { TG_TOKEN: '123:abc' });
  expect(loaded.config.channels?.['telegram']).toMatchObject({ botToken: '123:abc', dmPolicy: 'pairing', groupPolicy: 'allowlist' });
  expect(loaded.unsupported).toEqual(['channels.telegram.streaming']);
  expect(loaded.warnings).toEqual([]);
});
