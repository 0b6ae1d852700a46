import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import { runGateway } from '@rusty-claw/gateway';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { gatewayAdapters } from './gateway-adapters.js';

let stateDir: string;
beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-compose-'));
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

test('gateway run refuses a typo under a configured channel, naming its path (channel schemas are registered)', async () => {
  await writeFile(join(stateDir, 'rusty-claw.json'), JSON.stringify({ channels: { telegram: { botToken: '123:abc', pollingTimeot: 5 } } }));
  const error = await runGateway({ ...gatewayAdapters(), port: 0, stateDir, handleSignals: false, env: { HOME: stateDir }, stdout: { write: () => true }, stderr: { write: () => true } }).catch((e: unknown) => e);
  expect(ConfigError.isInstance(error)).toBe(true);
  expect((error as ConfigError).issues.map((issue) => issue.path)).toContain('channels.telegram.pollingTimeot');
});
