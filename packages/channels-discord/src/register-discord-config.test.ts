import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@rusty-claw/core';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { registerDiscordConfig } from './register-discord-config.js';

// The real core loader with the real registration: what the gateway's composition root does.

let dir: string;
let unregister: (() => void) | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-discord-config-'));
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

test('before registering, channels.discord is any object; after, a bad key is an issue naming its path', async () => {
  const text = '{channels: {discord: {token: "t", dmPolcy: "open"}}}';
  expect((await load(text)).warnings).toEqual([expect.stringContaining('channels.discord: no channel adapter registered')]);

  unregister = registerDiscordConfig(core);
  expect(core.registeredChannelNames()).toContain('discord');
  const error = await load(text).catch((caught: unknown) => caught);
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  expect(error.issues).toEqual([expect.objectContaining({ path: 'channels.discord.dmPolcy' })]);
  expect(error.message).toContain('channels.discord.dmPolcy');

  const nested = await load('{channels: {discord: {accounts: {ops: {guilds: {"123": {channels: {general: {requireMention: "yes"}}}}}}}}}').catch((caught: unknown) => caught);
  if (!ConfigError.isInstance(nested)) throw new Error('expected a ConfigError');
  expect(nested.issues.map((issue) => issue.path)).toEqual(['channels.discord.accounts.ops.guilds["123"].channels.general.requireMention']);
});

test('a valid section loads with defaults, env SecretRefs resolved and OpenClaw-only keys reported', async () => {
  unregister = registerDiscordConfig(core);
  const loaded = await load('{channels: {discord: {token: {source: "env", provider: "default", id: "DISCORD_TOKEN"}, dmPolicy: "allowlist", allowFrom: [42], streaming: "partial"}}}', { DISCORD_TOKEN: 'bot-token' });
  expect(loaded.config.channels?.['discord']).toEqual({ token: 'bot-token', dmPolicy: 'allowlist', allowFrom: ['42'] });
  expect(loaded.unsupported).toEqual(['channels.discord.streaming']);
  expect(loaded.warnings).toEqual([]);
});
