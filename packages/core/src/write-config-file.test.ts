import { chmod, mkdir, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import JSON5 from 'json5';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hashConfigRaw } from './hash-config-raw.js';
import { loadConfig } from './load-config.js';
import { setAtPath } from './object-path.js';
import { REDACTED_SENTINEL, redactConfig, restoreRedacted } from './redact-config.js';
import { makeTempDir } from './testing/temp-dir.js';
import { writeConfigFile } from './write-config-file.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  await chmod(temp.dir, 0o700).catch(() => undefined);
  await temp.cleanup();
});

const ENV = { GW_TOKEN: 'gw-secret-token-123', OPENAI_KEY: 'sk-openai-abcdef', LEGIT: 'value' };
const ORIGINAL = `// operator notes stay until the first write
{
  gateway: {port: 18790, auth: {token: "\${GW_TOKEN}"}},
  models: {providers: {openai: {baseUrl: "https://api.openai.com/v1", apiKey: {source: "env", provider: "default", id: "OPENAI_KEY"}, models: []}}},
  wizard: {lastRunAt: "2026-05-01"},
}
`;

async function expectConfigError(promise: Promise<unknown>): Promise<ConfigError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('writeConfigFile', () => {
  test('round trip: an edit keeps ${VAR} references, SecretRefs and unsupported keys; the file is mode 0600 JSON', async () => {
    const path = await temp.write('rusty-claw.json', ORIGINAL);
    const loaded = await loadConfig({ path, env: ENV });
    const next = setAtPath(loaded.parsed, 'gateway.port', 18791);
    const written = await writeConfigFile(path, next, { env: ENV, previous: loaded.parsed });

    const raw = await readFile(path, 'utf8');
    expect(written).toEqual({ path, raw, hash: hashConfigRaw(raw) });
    expect(JSON.parse(raw)).toEqual(next); // plain JSON, no comments
    expect(raw).toContain('"token": "${GW_TOKEN}"');
    expect(raw).not.toContain(ENV.GW_TOKEN);
    expect(raw).not.toContain(ENV.OPENAI_KEY);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect(await readdir(temp.dir)).toEqual(['rusty-claw.json']); // no temp file left behind

    const reloaded = await loadConfig({ path, env: ENV });
    expect(reloaded.config.gateway.port).toBe(18791);
    expect(reloaded.config.gateway.auth.token).toBe(ENV.GW_TOKEN);
    expect(reloaded.unsupported).toEqual(['wizard']);
    expect(reloaded.hash).toBe(written.hash);
  });

  test('refuses to write the resolved value of an env secret, even when the caller passes the resolved form', async () => {
    const path = await temp.write('rusty-claw.json', ORIGINAL);
    const loaded = await loadConfig({ path, env: ENV });
    const error = await expectConfigError(writeConfigFile(path, loaded.resolved, { env: ENV }));
    expect(error.code).toBe('CONFIG_SECRET_LEAK');
    expect(error.issues.map((issue) => issue.path)).toEqual(['gateway.auth.token']);
    expect(error.message).toContain('keep "${GW_TOKEN}" instead');
    expect(error.message).not.toContain(ENV.GW_TOKEN);
    // The SecretRef's variable is guarded too, wherever the value is pasted.
    const pasted = setAtPath(loaded.parsed, 'models.providers.openai.headers', { Authorization: `Bearer ${ENV.OPENAI_KEY}` });
    expect((await expectConfigError(writeConfigFile(path, pasted, { env: ENV }))).issues[0]?.path).toBe('models.providers.openai.headers.Authorization');
    expect(await readFile(path, 'utf8')).toBe(ORIGINAL);
  });

  test('guards the gateway token env variables even when the config never referenced them', async () => {
    const path = join(temp.dir, 'rusty-claw.json');
    const error = await expectConfigError(
      writeConfigFile(path, { gateway: { auth: { token: 'env-provided-token' } } }, { env: { RUSTY_CLAW_GATEWAY_TOKEN: 'env-provided-token' } }),
    );
    expect(error.issues[0]?.message).toContain('RUSTY_CLAW_GATEWAY_TOKEN');
    await expect(stat(path)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('an invalid config is never written and the old file stays', async () => {
    const path = await temp.write('rusty-claw.json', ORIGINAL);
    const error = await expectConfigError(writeConfigFile(path, { gateway: { port: 'not-a-port' } }, { env: ENV }));
    expect(error.issues[0]).toMatchObject({ path: 'gateway.port', expected: 'number' });
    expect(await readFile(path, 'utf8')).toBe(ORIGINAL);
    expect(await readdir(temp.dir)).toEqual(['rusty-claw.json']);
  });

  test('validation before a write tolerates env variables the writer does not have', async () => {
    const path = join(temp.dir, 'rusty-claw.json');
    await writeConfigFile(path, { gateway: { auth: { token: '${ONLY_ON_THE_GATEWAY_HOST}' } } }, { env: {} });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ gateway: { auth: { token: '${ONLY_ON_THE_GATEWAY_HOST}' } } });
  });

  test('a value that keeps its $include structure is validated with the includes resolved and written as is', async () => {
    await temp.write('gateway.json5', '{port: 18797}');
    const path = join(temp.dir, 'rusty-claw.json');
    const value = { gateway: { $include: './gateway.json5' }, logging: { level: 'debug' } };
    await writeConfigFile(path, value, { env: {} });
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(value);
    expect((await loadConfig({ path, env: {} })).config.gateway.port).toBe(18797);
    await temp.write('gateway.json5', '{prot: 18797}');
    const error = await expectConfigError(writeConfigFile(path, { ...value, logging: { level: 'info' } }, { env: {} }));
    expect(error.issues[0]?.path).toBe('gateway.prot');
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(value);
  });

  test('a failed write (the temp file cannot be created) leaves the old file intact and no temp file', async () => {
    // NAME_MAX is 255: the target name fits, the temp name next to it does not. Works as root too,
    // unlike a read-only directory.
    const name = `${'c'.repeat(230)}.json`;
    const path = await temp.write(name, ORIGINAL);
    const error = await expectConfigError(writeConfigFile(path, { gateway: { port: 1 } }, { env: ENV }));
    expect(error.code).toBe('CONFIG_WRITE');
    expect(error.message).toContain('ENAMETOOLONG');
    expect(await readFile(path, 'utf8')).toBe(ORIGINAL);
    expect(await readdir(temp.dir)).toEqual([name]);
  });

  test.skipIf(process.getuid?.() === 0)('a read-only directory makes the write fail and keeps the old file', async () => {
    const path = await temp.write('rusty-claw.json', ORIGINAL);
    await chmod(temp.dir, 0o500);
    const error = await expectConfigError(writeConfigFile(path, { gateway: { port: 1 } }, { env: ENV }));
    expect(error.code).toBe('CONFIG_WRITE');
    expect(await readFile(path, 'utf8')).toBe(ORIGINAL);
  });

  test('refuses leftover redaction sentinels; restoreRedacted makes the edit writable', async () => {
    const path = await temp.write('rusty-claw.json', '{gateway: {auth: {token: "literal-token-value"}, port: 18790}}');
    const loaded = await loadConfig({ path, env: {} });
    const fromClient = setAtPath(redactConfig(loaded.parsed), 'gateway.port', 18795);
    expect(fromClient).toMatchObject({ gateway: { auth: { token: REDACTED_SENTINEL } } });
    const error = await expectConfigError(writeConfigFile(path, fromClient, { env: {} }));
    expect(error.code).toBe('CONFIG_REDACTED');
    expect(error.issues[0]?.path).toBe('gateway.auth.token');

    await writeConfigFile(path, restoreRedacted(fromClient, loaded.parsed), { env: {} });
    const reloaded = await loadConfig({ path, env: {} });
    expect(reloaded.config.gateway).toMatchObject({ port: 18795, auth: { token: 'literal-token-value' } });
  });

  test('creates the state directory (0700) on first write and follows a symlinked config file', async () => {
    const nested = join(temp.dir, 'state', 'rusty-claw.json');
    await writeConfigFile(nested, { gateway: { port: 18799 } }, { env: {} });
    expect((await stat(join(temp.dir, 'state'))).mode & 0o777).toBe(0o700);
    expect((await loadConfig({ path: nested, env: {} })).config.gateway.port).toBe(18799);

    await mkdir(join(temp.dir, 'dotfiles'));
    const real = join(temp.dir, 'dotfiles', 'rusty-claw.json');
    await writeFile(real, '{}');
    const link = join(temp.dir, 'link.json');
    await symlink(real, link);
    const written = await writeConfigFile(link, { gateway: { port: 18798 } }, { env: {} });
    expect(written.path).toBe(real);
    expect(JSON5.parse(await readFile(real, 'utf8'))).toEqual({ gateway: { port: 18798 } });
  });
});
