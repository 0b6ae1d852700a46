// The harness itself: isolation, bounded processes, /proc memory, the independent device signer and
// the OpenClaw validator loader. No gateway needed; these must hold before any conformance result means anything.
import { createPublicKey, verify } from 'node:crypto';
import { existsSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  check,
  createIsolatedHome,
  createTestDevice,
  loadOpenClawValidators,
  parseJsonOutput,
  processTreeRss,
  SHARED_COMPILE_CACHE_DIR,
  runOpenClaw,
  runProcess,
  signConnect,
} from '../src/index.ts';

describe('isolated home', () => {
  it('gives each run its own HOME, state dir, config (with logging.file) and TMPDIR, and leaks no OPENCLAW_/RUSTY_CLAW_ env', async () => {
    process.env['OPENCLAW_GATEWAY_TOKEN'] = 'must-not-leak';
    try {
      const a = await createIsolatedHome({ config: { gateway: { mode: 'remote', remote: { url: 'ws://127.0.0.1:1', token: 't' } } } });
      const b = await createIsolatedHome({ compileCacheDir: false });
      try {
        expect(a.root).not.toBe(b.root);
        expect(existsSync(join(b.tmpDir, 'node-compile-cache'))).toBe(false);
        for (const dir of [a.home, a.stateDir, a.tmpDir]) expect(dir.startsWith(a.root)).toBe(true);
        expect(a.env['HOME']).toBe(a.home);
        expect(a.env['TMPDIR']).toBe(a.tmpDir);
        expect(a.env['OPENCLAW_STATE_DIR']).toBe(a.stateDir);
        expect(a.env['OPENCLAW_CONFIG_PATH']).toBe(a.configPath);
        expect(a.env['OPENCLAW_GATEWAY_TOKEN']).toBeUndefined();
        const config = JSON.parse(readFileSync(a.configPath, 'utf8')) as { logging: { file: string }; gateway: unknown };
        expect(config.logging.file.startsWith(a.root)).toBe(true);
        expect(config.gateway).toEqual({ mode: 'remote', remote: { url: 'ws://127.0.0.1:1', token: 't' } });
        // only the bytecode cache is shared between runs
        expect(readlinkSync(join(a.tmpDir, 'node-compile-cache'))).toBe(SHARED_COMPILE_CACHE_DIR);
      } finally {
        await a.cleanup();
        await b.cleanup();
      }
      expect(existsSync(a.root)).toBe(false);
    } finally {
      delete process.env['OPENCLAW_GATEWAY_TOKEN'];
    }
  });

  it('runs both OpenClaw CLIs and reports their versions', async () => {
    const [v3, v4] = await Promise.all([runOpenClaw('v3', ['--version']), runOpenClaw('v4', ['--version'])]);
    expect(v3.code).toBe(0);
    expect(v3.stdout).toContain('OpenClaw 2026.5.7');
    expect(v4.code).toBe(0);
    expect(v4.stdout).toContain('OpenClaw 2026.9.6');
  });
});

describe('runProcess', () => {
  it('kills the whole process group at the deadline, including a grandchild', async () => {
    const script =
      "const c = require('node:child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' }); console.log('grandchild ' + c.pid); setInterval(() => {}, 1000);";
    const result = await runProcess(process.execPath, ['-e', script], { env: { PATH: process.env['PATH'] ?? '' }, timeoutMs: 1500 });
    expect(result.timedOut).toBe(true);
    expect(result.signal).toBe('SIGKILL');
    const grandchild = Number(/grandchild (\d+)/.exec(result.stdout)?.[1]);
    expect(grandchild).toBeGreaterThan(0);
    await new Promise((resolve) => setTimeout(resolve, 100));
    // a zombie still answers kill(0) until reaped by init; its state letter says it is dead
    const state = existsSync(`/proc/${grandchild}/stat`) ? readFileSync(`/proc/${grandchild}/stat`, 'utf8').split(') ')[1]?.[0] : 'gone';
    expect(['gone', 'Z', 'X']).toContain(state);
  });

  it('captures stdout, stderr and the exit code', async () => {
    const result = await runProcess(process.execPath, ['-e', "process.stdout.write('out'); process.stderr.write('err'); process.exit(3)"], {
      env: { PATH: process.env['PATH'] ?? '' },
      timeoutMs: 10_000,
    });
    expect(result).toMatchObject({ code: 3, stdout: 'out', stderr: 'err', timedOut: false });
  });
});

describe('processTreeRss', () => {
  it('sums VmRSS over a process and its children', async () => {
    const self = processTreeRss(process.pid);
    expect(self.pids[0]).toBe(process.pid);
    expect(self.rssBytes).toBeGreaterThan(10 * 1024 * 1024);
  });
});

describe('parseJsonOutput', () => {
  it('skips banner lines before the JSON document', () => {
    expect(parseJsonOutput('OpenClaw 2026.9.6 — banner\n{\n  "ok": true\n}\n')).toEqual({ ok: true });
    expect(() => parseJsonOutput('no json here')).toThrow(/no JSON document/);
  });
});

describe('test device signer (independent of @rusty-claw/protocol)', () => {
  it('derives id = sha256(raw key) and signs the v3 payload string byte for byte', () => {
    const device = createTestDevice();
    expect(device.id).toMatch(/^[0-9a-f]{64}$/);
    const raw = Buffer.from(device.publicKey, 'base64url');
    expect(raw).toHaveLength(32);
    const block = signConnect(device, {
      clientId: 'cli',
      clientMode: 'cli',
      role: 'operator',
      scopes: ['operator.read', 'operator.write'],
      token: 'tok',
      nonce: 'n-1',
      platform: ' Linux ',
      deviceFamily: 'LINUX',
      signedAt: 1795542813858,
    });
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), raw]);
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    const expected = `v3|${device.id}|cli|cli|operator|operator.read,operator.write|1795542813858|tok|n-1|linux|linux`;
    expect(verify(null, Buffer.from(expected), key, Buffer.from(block.signature, 'base64url'))).toBe(true);
    expect(block).toMatchObject({ id: device.id, publicKey: device.publicKey, nonce: 'n-1', signedAt: 1795542813858 });
  });
});

describe('OpenClaw validator loader', () => {
  it.each(['v3', 'v4'] as const)('loads %s validators that accept a good tick frame and reject an extra key', async (version) => {
    const validators = await loadOpenClawValidators(version);
    expect(validators.protocolVersion).toBe(version === 'v3' ? 3 : 4);
    expect(check(validators.eventFrame, { type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1 }).valid).toBe(true);
    const bad = check(validators.eventFrame, { type: 'event', event: 'tick', payload: { ts: 1 }, seq: 1, extra: true });
    expect(bad.valid).toBe(false);
    expect(bad.errors.join('\n')).toContain('additional');
    expect(check(validators.schema('HelloOk'), { type: 'hello-ok' }).valid).toBe(false);
  });
});
