// The built `rusty-claw` bin as a real process: a real pipe on stdin and a real SIGINT (what the in-process tests
// inject as streams and emitters), against the real gateway with the fake Anthropic API behind it.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { waitUntil } from '@rusty-claw/testkit';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { AGENT_TOKEN, endlessTurn, startAgentGateway, textTurn, userTexts, type AgentGateway } from './testing/start-agent-gateway.js';

const bin = fileURLToPath(new URL('../dist/main.js', import.meta.url));
let env: AgentGateway;

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: build first (pnpm build)`);
  env = await startAgentGateway();
});
afterAll(async () => {
  await env?.close();
});

function startAgent(args: string[]) {
  const child = spawn(process.execPath, [bin, 'agent', ...args, '--url', env.url, '--token', AGENT_TOKEN], {
    env: { HOME: env.stateDir, RUSTY_CLAW_STATE_DIR: env.stateDir },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const exited = new Promise<number | string | null>((resolve) => child.on('exit', (code, signal) => resolve(code ?? signal)));
  return { child, output, exited };
}

test('echo "…" | rusty-claw agent: the piped text is the message, the reply is on stdout, exit 0', async () => {
  env.fake.enqueue(textTurn('Piped ', 'and answered.'));
  const agent = startAgent(['--session', 'agent:main:bin-pipe']);
  agent.child.stdin.end('hello from a real pipe\n');
  expect(await agent.exited).toBe(0);
  expect(agent.output.stdout).toBe('Piped and answered.\n');
  expect(userTexts(env.fake.messageRequests.at(-1)).at(-1)).toBe('hello from a real pipe');
});

test('SIGINT during a streaming reply: chat.abort, exit code 130 (not killed by the signal)', async () => {
  env.fake.enqueue(endlessTurn('This will take a while'));
  const agent = startAgent(['-m', 'Stream forever', '--session', 'agent:main:bin-sigint']);
  agent.child.stdin.end();
  await waitUntil(() => agent.output.stdout.includes('This will take a while'), 8_000, () => agent.output.stderr);
  agent.child.kill('SIGINT');
  expect(await agent.exited).toBe(130);
  expect(agent.output.stderr).toContain('Run aborted');
  // The gateway recorded the abort: the partial reply is in the transcript, marked aborted.
  const show = await env.cli(['sessions', 'show', 'agent:main:bin-sigint']);
  expect(show.stdout).toContain('user: Stream forever');
  expect(show.stdout).toMatch(/assistant: This will take a while \[aborted\]$/m);
});
