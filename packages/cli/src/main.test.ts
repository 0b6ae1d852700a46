import { describe, expect, test } from 'vitest';
import type { GatewayRunFlags, RunGateway } from './cli-deps.js';
import { GatewayOptionsLikeError } from './testing/gateway-options-like-error.js';
import { main } from './main.js';
import { OutputBuffer } from './testing/output-buffer.js';

const notStarted: RunGateway = async () => {
  throw new Error('runGateway must not be called by this test');
};

async function run(argv: string[], runGateway: RunGateway = notStarted) {
  const stdout = new OutputBuffer();
  const stderr = new OutputBuffer();
  const code = await main(argv, { runGateway, version: '9.9.9-test', stdout, stderr, env: { HOME: '/nonexistent' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('main: help, version and usage errors', () => {
  test('--version prints the injected version and exits 0', async () => {
    const result = await run(['--version']);
    expect(result).toMatchObject({ code: 0, stdout: '9.9.9-test\n' });
  });

  test('--help lists every command and documents the exit codes', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    for (const command of ['gateway', 'health', 'status', 'config', 'devices']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
    expect(result.stdout).toContain('Exit codes:');
    expect(result.stdout).toMatch(/2\s+usage error/);
  });

  test('subcommand help shows its own flags and the exit codes', async () => {
    const result = await run(['gateway', 'call', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['--params <json>', '--url <url>', '--token <token>', '--password <password>', '--timeout <ms>', '--json', '--expect-final']) {
      expect(result.stdout).toContain(flag);
    }
    expect(result.stdout).toContain('Exit codes:');
    const run2 = await run(['gateway', 'run', '--help']);
    for (const flag of ['--port <port>', '--bind <mode>', '--host <address>', '--config <path>', '--state-dir <dir>']) expect(run2.stdout).toContain(flag);
  });

  test.each([
    [['--no-such-flag'], /unknown option '--no-such-flag'/],
    [['health', '--bogus'], /unknown option '--bogus'/],
    [['nonsense'], /unknown command 'nonsense'/],
    [['gateway', 'call'], /missing required argument 'method'/],
    [['gateway', 'run', '--bind', 'everywhere'], /--bind <mode>' argument 'everywhere' is invalid/],
    [['gateway', 'run', '--port', '99999'], /expected an integer from 0 to 65535/],
    [['health', '--timeout', '-5'], /expected a positive number of milliseconds|unknown option '-5'/],
    [['health', '--token', 'a', '--password', 'b'], /cannot be used with option '--token/],
    [['config', 'set', 'gateway.port'], /missing required argument 'value'/],
  ])('%j is a usage error: exit 2 with a message on stderr', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });

  test('a bare `rusty-claw` or `rusty-claw gateway` shows help on stderr and exits 2', async () => {
    for (const argv of [[], ['gateway']]) {
      const result = await run(argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Usage:');
    }
  });

  test('a malformed --params is a usage error (2), not a failure', async () => {
    const result = await run(['gateway', 'call', 'health', '--params', '{not json', '--url', 'ws://127.0.0.1:9', '--token', 't']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--params is not valid JSON');
  });

  test('a --url that is not ws:// or wss:// is a usage error', async () => {
    const result = await run(['health', '--url', 'http://127.0.0.1:18789', '--token', 't']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--url must start with ws:// or wss://');
  });
});

describe('main: gateway run hands the flags to the injected runGateway', () => {
  test('flags map one to one; --host implies --bind custom; exit 0 once the gateway has closed', async () => {
    const seen: GatewayRunFlags[] = [];
    const runGateway: RunGateway = async (flags) => {
      seen.push(flags);
      return { url: 'ws://10.0.0.1:1234', closed: Promise.resolve(), close: async () => {} };
    };
    const result = await run(
      ['gateway', 'run', '--port', '1234', '--host', '10.0.0.1', '--token', 'secret', '--config', '/tmp/c.json', '--state-dir', '/tmp/state'],
      runGateway,
    );
    expect(result.code).toBe(0);
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ port: 1234, bind: 'custom', customBindHost: '10.0.0.1', token: 'secret', config: '/tmp/c.json', stateDir: '/tmp/state', version: '9.9.9-test' });
    expect(seen[0]?.password).toBeUndefined();
  });

  test('a typed start error becomes a message and exit 1', async () => {
    const runGateway: RunGateway = async () => {
      throw new GatewayOptionsLikeError('GATEWAY_AUTH_NONE_REQUIRES_LOOPBACK', 'refusing to listen on 0.0.0.0 without auth');
    };
    const result = await run(['gateway', 'run', '--bind', 'lan'], runGateway);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('error [GATEWAY_AUTH_NONE_REQUIRES_LOOPBACK]: refusing to listen on 0.0.0.0 without auth');
  });
});
