// `--help` and usage errors of agent, sessions and models: in-process main() with captured output.
import { describe, expect, test } from 'vitest';
import type { RunGateway } from '../cli-deps.js';
import { main } from '../main.js';
import { OutputBuffer } from '../testing/output-buffer.js';

const notStarted: RunGateway = async () => {
  throw new Error('runGateway must not be called by this test');
};

async function run(argv: string[]) {
  const stdout = new OutputBuffer();
  const stderr = new OutputBuffer();
  const code = await main(argv, { runGateway: notStarted, version: '9.9.9-test', stdout, stderr, env: { HOME: '/nonexistent' } });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

describe('agent, sessions, models: help', () => {
  test('the root help lists the new commands', async () => {
    const result = await run(['--help']);
    for (const command of ['agent', 'sessions', 'models']) expect(result.stdout).toMatch(new RegExp(`^  ${command}\\b`, 'm'));
  });

  test('agent --help: its flags, the modes, the REPL commands, Ctrl-C and the exit codes', async () => {
    const result = await run(['agent', '--help']);
    expect(result.code).toBe(0);
    for (const flag of ['-m, --message <text>', '--session <key>', '--model <provider/model>', '--thinking <level>', '--verbose', '--url <url>', '--token <token>', '--timeout <ms>', '--json']) {
      expect(result.stdout).toContain(flag);
    }
    const flat = result.stdout.replace(/\s+/g, ' ');
    expect(flat).toContain('choices: "off", "minimal", "low", "medium", "high", "xhigh", "adaptive", "max"');
    // --timeout means the run timeout here, and the help says so.
    expect(flat).toContain('--timeout <ms> run timeout in ms, sent to the gateway as timeoutMs');
    for (const command of ['/abort', '/new', '/model <ref>', '/help', '/exit']) expect(result.stdout).toContain(command);
    expect(result.stdout).toContain('exits 130');
    expect(result.stdout).toContain('Exit codes:');
  });

  test('sessions and models subcommands document their flags', async () => {
    expect((await run(['sessions', '--help'])).stdout).toMatch(/list[\s\S]*show[\s\S]*reset[\s\S]*delete/);
    expect((await run(['sessions', 'list', '--help'])).stdout).toContain('--limit <n>');
    expect((await run(['sessions', 'show', '--help'])).stdout).toMatch(/Usage: rusty-claw sessions show \[options\] <key>/);
    expect((await run(['sessions', 'delete', '--help'])).stdout).toContain('--yes');
    const models = await run(['models', 'list', '--help']);
    expect(models.stdout).toContain('--json');
    expect(models.stdout).toContain('--configured');
  });
});

describe('agent, sessions, models: usage errors exit 2 before any connection', () => {
  test.each([
    [['agent', '--thinking', 'extreme', '-m', 'hi'], /argument 'extreme' is invalid/],
    [['agent', '-m'], /argument missing/],
    [['agent', '-m', '   '], /-m\/--message is empty/],
    [['agent', '-m', 'hi', '--model', ''], /--model is empty/],
    [['agent', '-m', 'hi', '--timeout', '0'], /expected a positive number of milliseconds/],
    [['sessions', 'show'], /missing required argument 'key'/],
    [['sessions', 'list', '--limit', '0'], /expected an integer from 1/],
    [['sessions', 'show', 'agent:main:main', '--limit', '1001'], /expected an integer from 1 to 1000/],
    [['sessions', 'frobnicate'], /unknown command 'frobnicate'/],
    [['models', 'list', '--bogus'], /unknown option '--bogus'/],
  ])('%j', async (argv, message) => {
    const result = await run(argv);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});
