import { createHash } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { ConfigGetResultSchema, ConfigSchemaResultSchema, GatewayClient, StatusResultSchema } from '@rusty-claw/protocol';
import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TEST_TOKEN, startTestGateway, type TestGateway } from '../test-support/test-gateway.js';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

describe('config methods: get / set / patch / schema', () => {
  let gateway: TestGateway;
  let client: GatewayClient;

  beforeEach(async () => {
    gateway = await startTestGateway();
    client = new GatewayClient({ url: gateway.url, token: TEST_TOKEN, scopes: ['operator.admin'] });
    await client.connect();
  });
  afterEach(async () => {
    for (const other of extra.splice(0)) await other.close();
    await client.close();
    await gateway.close();
  });

  /** Another caller: each connection has its own 3-per-minute write budget. */
  async function otherClient(): Promise<GatewayClient> {
    const other = new GatewayClient({ url: gateway.url, token: TEST_TOKEN, scopes: ['operator.admin'] });
    extra.push(other);
    await other.connect();
    return other;
  }
  const extra: GatewayClient[] = [];

  async function rejection(promise: Promise<unknown>): Promise<ProtocolError> {
    const error = await promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    if (!ProtocolError.isInstance(error)) throw new Error(`expected a ProtocolError, got ${String(error)}`);
    return error;
  }

  it('config.get without a file: exists false, the defaults, hash of the empty text', async () => {
    const snapshot = ConfigGetResultSchema.parse(await client.request('config.get', {}));
    expect(snapshot).toMatchObject({ path: gateway.configPath, exists: false, raw: null, valid: true, hash: sha256(''), issues: [] });
    expect((snapshot.config as { gateway: { port: number } }).gateway.port).toBe(18_789);
  });

  it('config.get redacts secrets in raw, parsed and config; hash is of the real text', async () => {
    const raw = `// my config\n{ gateway: { auth: { mode: "token", token: "super-secret-token-1" } } }\n`;
    await writeFile(gateway.configPath, raw);
    const snapshot = ConfigGetResultSchema.parse(await client.request('config.get', {}));
    expect(JSON.stringify(snapshot)).not.toContain('super-secret-token-1');
    expect(snapshot.raw).toContain('__OPENCLAW_REDACTED__');
    expect(snapshot.raw).toContain('// my config');
    expect((snapshot.parsed as { gateway: { auth: { token: string } } }).gateway.auth.token).toBe('__OPENCLAW_REDACTED__');
    expect(snapshot.hash).toBe(sha256(raw));
  });

  it('config.get reports an invalid file instead of failing', async () => {
    await writeFile(gateway.configPath, '{ gateway: { port: "eighty" } }');
    const snapshot = ConfigGetResultSchema.parse(await client.request('config.get', {}));
    expect(snapshot.valid).toBe(false);
    expect(snapshot.issues[0]?.path).toBe('gateway.port');
  });

  it('config.set writes a new file (0600); the running config follows', async () => {
    const result = await client.request<{ ok: boolean; path: string; config: unknown }>('config.set', {
      raw: '{ agents: { list: [{ id: "main" }, { id: "ops", name: "Ops" }] } }',
    });
    expect(result).toMatchObject({ ok: true, path: gateway.configPath });
    expect((await stat(gateway.configPath)).mode & 0o777).toBe(0o600);
    const status = StatusResultSchema.parse(await client.request('status'));
    expect(status.heartbeat.agents.map((agent) => agent.agentId)).toEqual(['main', 'ops']);
  });

  it('config.set needs the current baseHash once a file exists, and writes nothing on any failure', async () => {
    const original = '{ gateway: { port: 18800 } }\n';
    await writeFile(gateway.configPath, original);
    expect((await rejection(client.request('config.set', { raw: '{}' }))).message).toBe('config base hash required; re-run config.get and retry');
    expect((await rejection(client.request('config.set', { raw: '{}', baseHash: sha256('other') }))).message).toBe(
      'config changed since last load; re-run config.get and retry',
    );
    const invalid = await rejection(client.request('config.set', { raw: '{ gateway: { prot: 1 } }', baseHash: sha256(original) }));
    expect(invalid.code).toBe('INVALID_REQUEST');
    expect(invalid.message).toMatch(/^invalid config: gateway\.prot: /);
    expect((invalid.details as { issues: Array<{ path: string }> }).issues[0]?.path).toBe('gateway.prot');
    const syntax = await rejection((await otherClient()).request('config.set', { raw: '{ gateway: ', baseHash: sha256(original) }));
    expect(syntax.message).toMatch(/^invalid config: /);
    expect(await readFile(gateway.configPath, 'utf8')).toBe(original);
  });

  it('config.set restores redacted values from the current file (a get → edit → set round trip keeps the secret)', async () => {
    await writeFile(gateway.configPath, '{ gateway: { auth: { token: "keep-me-secret-42" } } }');
    const snapshot = ConfigGetResultSchema.parse(await client.request('config.get', {}));
    const edited = snapshot.raw!.replace('{ gateway:', '{ session: { mainKey: "home" }, gateway:');
    await client.request('config.set', { raw: edited, baseHash: snapshot.hash });
    const written = JSON.parse(await readFile(gateway.configPath, 'utf8'));
    expect(written).toEqual({ session: { mainKey: 'home' }, gateway: { auth: { token: 'keep-me-secret-42' } } });
  });

  it('config.patch merges (null deletes), reports a no-op without writing, and refuses invalid results', async () => {
    await writeFile(gateway.configPath, JSON.stringify({ gateway: { port: 18800 }, session: { mainKey: 'home' } }));
    let hash = ConfigGetResultSchema.parse(await client.request('config.get', {})).hash!;
    await client.request('config.patch', { raw: '{ gateway: { port: 18801 }, session: null }', baseHash: hash });
    expect(JSON.parse(await readFile(gateway.configPath, 'utf8'))).toEqual({ gateway: { port: 18801 } });

    hash = ConfigGetResultSchema.parse(await client.request('config.get', {})).hash!;
    const before = await readFile(gateway.configPath, 'utf8');
    expect(await client.request('config.patch', { raw: '{ gateway: { port: 18801 } }', baseHash: hash })).toMatchObject({ ok: true, noop: true });
    const bad = await rejection(client.request('config.patch', { raw: '{ gateway: { port: -1 } }', baseHash: hash }));
    expect(bad.message).toMatch(/^invalid config: gateway\.port: /);
    const second = await otherClient();
    expect((await rejection(second.request('config.patch', { raw: '[1]', baseHash: hash }))).message).toBe('config.patch raw must be an object');
    expect(await readFile(gateway.configPath, 'utf8')).toBe(before);
  });

  it('config writes are limited to 3 per 60 s per caller', async () => {
    for (let index = 0; index < 3; index += 1) {
      const { hash } = ConfigGetResultSchema.parse(await client.request('config.get', {}));
      await client.request('config.patch', { raw: `{ gateway: { port: ${18_800 + index} } }`, ...(hash === sha256('') ? {} : { baseHash: hash }) });
    }
    const limited = await rejection(client.request('config.patch', { raw: '{}', baseHash: 'x' }));
    expect(limited.code).toBe('UNAVAILABLE');
    expect(limited.message).toMatch(/^rate limit exceeded for config\.patch; retry after \d+s$/);
    expect(limited.retryable).toBe(true);
    expect(limited.details).toEqual({ method: 'config.patch', limit: '3 per 60s' });
  });

  it('config.schema: JSON Schema, UI hints, version, generatedAt', async () => {
    const result = ConfigSchemaResultSchema.parse(await client.request('config.schema', {}));
    expect((result.schema as { properties: Record<string, unknown> }).properties).toHaveProperty('gateway');
    expect(result.uiHints['gateway.auth.token']).toMatchObject({ sensitive: true });
    expect(result.version).toBe('0.1.0');
    expect(Number.isNaN(Date.parse(result.generatedAt))).toBe(false);
  });
});
