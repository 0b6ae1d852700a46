import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as core from '@rusty-claw/core';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { registerSlackConfig } from './register-slack-config.js';

// The real core loader with the real registration: what the gateway's composition root does.

let dir: string;
let unregister: (() => void) | undefined;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rc-slack-config-'));
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

test('before registering, channels.slack is any object; after, a bad key is an issue naming its path', async () => {
  const text = '{channels: {slack: {botToken: "xoxb-1", dmPolcy: "open"}}}';
  expect((await load(text)).warnings).toEqual([expect.stringContaining('channels.slack: no channel adapter registered')]);

  unregister = registerSlackConfig(core);
  expect(core.registeredChannelNames()).toContain('slack');
  const error = await load(text).catch((caught: unknown) => caught);
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  expect(error.issues).toEqual([expect.objectContaining({ path: 'channels.slack.dmPolcy' })]);
  expect(error.message).toContain('channels.slack.dmPolcy');

  const nested = await load('{channels: {slack: {accounts: {ops: {channels: {C1: {requireMention: "yes"}}, apiRoot: "ftp://x"}}}}}').catch((caught: unknown) => caught);
  if (!ConfigError.isInstance(nested)) throw new Error('expected a ConfigError');
  expect(nested.issues.map((issue) => issue.path).sort()).toEqual(['channels.slack.accounts.ops.apiRoot', 'channels.slack.accounts.ops.channels.C1.requireMention']);
});

test('a valid section loads with defaults, env SecretRefs resolved and OpenClaw-only keys reported', async () => {
  unregister = registerSlackConfig(core);
  const loaded = await load('{channels: {slack: {botToken: {source: "env", provider: "default", id: "SLACK_BOT_TOKEN"}, apiRoot: "http://127.0.0.1:9/api/", streaming: "partial"}}}', { SLACK_BOT_TOKEN: 'xoxb-1' });
  expect(loaded.config.channels?.['slack']).toEqual({ botToken: 'xoxb-1', apiRoot: 'http://127.0.0.1:9/api/', mode: 'socket', webhookPath: '/slack/events', groupPolicy: 'allowlist' });
  expect(loaded.unsupported).toEqual(['channels.slack.streaming']);
  expect(loaded.warnings).toEqual([]);
});
