import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { main } from '../main.js';
import { OutputBuffer } from '../testing/output-buffer.js';

let stateDir: string;
let configFile: string;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-cli-config-'));
  configFile = join(stateDir, 'rusty-claw.json');
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout = new OutputBuffer();
  const stderr = new OutputBuffer();
  const code = await main(argv, {
    runGateway: async () => {
      throw new Error('not used');
    },
    version: '0.0.0-test',
    stdout,
    stderr,
    env: { HOME: stateDir, RUSTY_CLAW_STATE_DIR: stateDir, ...env },
  });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

async function snapshot(file: string) {
  const info = await stat(file);
  return { bytes: await readFile(file, 'utf8'), mtimeMs: info.mtimeMs };
}

describe('config set', () => {
  test('creates the file (mode 0600) with a JSON5 value, and config get reads it back', async () => {
    expect((await run(['config', 'set', 'gateway.port', '18790'])).code).toBe(0);
    expect((await run(['config', 'set', 'gateway.bind', 'lan'])).code).toBe(0); // bare word → string
    expect((await run(['config', 'set', 'gateway.controlUi', "{enabled: true, basePath: '/ui'}"])).code).toBe(0);
    const written = JSON.parse(await readFile(configFile, 'utf8')) as Record<string, unknown>;
    expect(written).toEqual({ gateway: { port: 18790, bind: 'lan', controlUi: { enabled: true, basePath: '/ui' } } });
    expect((await stat(configFile)).mode & 0o777).toBe(0o600);

    const port = await run(['config', 'get', 'gateway.port']);
    expect(port).toMatchObject({ code: 0, stdout: '18790\n' });
    const bind = await run(['config', 'get', 'gateway.bind']);
    expect(bind.stdout).toBe('lan\n');
    expect((await run(['config', 'get', 'gateway.bind', '--json'])).stdout).toBe('"lan"\n');
  });

  test('an invalid result is refused with the key path, the value and what was expected; the file is untouched', async () => {
    await writeFile(configFile, '{ gateway: { port: 18790 } }\n', { mode: 0o600 });
    const before = await snapshot(configFile);
    const result = await run(['config', 'set', 'gateway.port', '"not a port"']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('gateway.port');
    expect(result.stderr).toContain('"not a port"');
    expect(result.stderr).toContain('Nothing was written');
    expect(await snapshot(configFile)).toEqual(before);

    const unknownKey = await run(['config', 'set', 'gateway.portt', '1']);
    expect(unknownKey.code).toBe(1);
    expect(unknownKey.stderr).toContain('gateway.portt');
    expect(await snapshot(configFile)).toEqual(before);
  });

  test('--dry-run validates without writing', async () => {
    const result = await run(['config', 'set', 'gateway.port', '18800', '--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run');
    await expect(stat(configFile)).rejects.toMatchObject({ code: 'ENOENT' });
  });

  test('--strict-json refuses a bare word; malformed JSON5 is a usage error', async () => {
    expect((await run(['config', 'set', 'gateway.bind', 'lan', '--strict-json'])).code).toBe(2);
    const malformed = await run(['config', 'set', 'gateway.controlUi', '{enabled: }']);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toContain('not valid JSON5');
  });

  test('a file that is invalid now can be repaired by a set that makes it valid', async () => {
    await writeFile(configFile, '{ gateway: { port: "oops" } }\n', { mode: 0o600 });
    const result = await run(['config', 'set', 'gateway.port', '18791']);
    expect(result.code).toBe(0);
    expect(JSON.parse(await readFile(configFile, 'utf8'))).toEqual({ gateway: { port: 18791 } });
  });

  test('keeps ${VAR} references as written and never prints a secret it sets', async () => {
    await writeFile(configFile, '{ gateway: { auth: { token: "${MY_GATEWAY_TOKEN}" } } }\n', { mode: 0o600 });
    const result = await run(['config', 'set', 'gateway.port', '18792'], { MY_GATEWAY_TOKEN: 'from-env-secret-value' });
    expect(result.code).toBe(0);
    const written = await readFile(configFile, 'utf8');
    expect(written).toContain('${MY_GATEWAY_TOKEN}');
    expect(written).not.toContain('from-env-secret-value');

    const secret = await run(['config', 'set', 'gateway.auth.password', 'hunter2-long-password']);
    expect(secret.code).toBe(0);
    expect(secret.stdout).not.toContain('hunter2');
  });
});

describe('config get', () => {
  test('redacts secrets, shows defaults for unset keys, and fails on an unknown path', async () => {
    await writeFile(configFile, '{ gateway: { auth: { token: "plain-secret-token" } } }\n', { mode: 0o600 });
    const token = await run(['config', 'get', 'gateway.auth.token']);
    expect(token.code).toBe(0);
    expect(token.stdout).not.toContain('plain-secret-token');
    expect(token.stdout).toContain('__OPENCLAW_REDACTED__');

    const whole = await run(['config', 'get']);
    expect(whole.code).toBe(0);
    expect(whole.stdout).not.toContain('plain-secret-token');

    const port = await run(['config', 'get', 'gateway.port']);
    expect(port).toMatchObject({ code: 0, stdout: '18789\n' });
    expect(port.stderr).toContain('this is the default');

    const missing = await run(['config', 'get', 'gateway.nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Config path not found: gateway.nope');
  });
});

describe('config validate', () => {
  test('a missing file is valid (defaults)', async () => {
    const result = await run(['config', 'validate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('No config file');
  });

  test('names OpenClaw keys it accepts but ignores, and exits 0', async () => {
    await writeFile(configFile, '{ gateway: { port: 18790, reload: { mode: "hot" }, tailscale: { mode: "off" } } }\n');
    const result = await run(['config', 'validate']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Config valid: ${configFile}`);
    expect(result.stdout).toContain('gateway.reload');
    expect(result.stdout).toContain('gateway.tailscale');
    const json = await run(['config', 'validate', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ valid: true, unsupported: expect.arrayContaining(['gateway.reload', 'gateway.tailscale']) });
  });

  test('lists every issue and exits 1 for an invalid file (and --config picks the file)', async () => {
    const other = join(stateDir, 'other.json5');
    await writeFile(other, '{ gateway: { port: 0, bind: "everywhere" }, nonsense: true }\n');
    const result = await run(['config', 'validate', '--config', other]);
    expect(result.code).toBe(1);
    for (const path of ['gateway.port', 'gateway.bind', 'nonsense']) expect(result.stdout).toContain(path);
    expect(result.stdout).toContain(other);
    const json = await run(['config', 'validate', '--config', other, '--json']);
    expect(json.code).toBe(1);
    expect((JSON.parse(json.stdout) as { issues: unknown[] }).issues.length).toBeGreaterThanOrEqual(3);
  });

  test('an unparsable file is a failure with the parse error', async () => {
    await writeFile(configFile, '{ gateway: ');
    const result = await run(['config', 'validate']);
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).toContain(configFile);
  });
});

describe('config schema', () => {
  test('prints a JSON Schema that describes gateway.port', async () => {
    const result = await run(['config', 'schema']);
    expect(result.code).toBe(0);
    const schema = JSON.parse(result.stdout) as { properties?: { gateway?: { properties?: Record<string, unknown> } } };
    expect(schema.properties?.gateway?.properties).toHaveProperty('port');
  });
});
