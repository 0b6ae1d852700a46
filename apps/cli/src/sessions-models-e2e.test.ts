// `rusty-claw sessions list|show|reset|delete` and `models list` end to end against the real gateway (models served
// by the real Anthropic provider against the testkit's fake Messages API), main() in process.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { inputStream, startAgentGateway, textTurn, type AgentGateway } from './testing/start-agent-gateway.js';

let env: AgentGateway;

beforeAll(async () => {
  env = await startAgentGateway();
  // Two sessions with one exchange each.
  env.fake.enqueue(textTurn('Hello there!'), textTurn('Scratch reply.'));
  expect((await env.cli(['agent', '-m', 'hi'])).code).toBe(0);
  expect((await env.cli(['agent', '-m', 'scratch message', '--session', 'agent:main:scratch'])).code).toBe(0);
});
afterAll(async () => {
  await env?.close();
});

describe('sessions list', () => {
  test('a row per session with kind, age, model and tokens; --json is the raw sessions.list payload', async () => {
    const result = await env.cli(['sessions', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Sessions: 2 \(store .+\)\n/);
    expect(result.stdout).toMatch(/^KEY\s+KIND\s+UPDATED\s+MODEL\s+TOKENS\s+FLAGS$/m);
    expect(result.stdout).toMatch(/^agent:main:main\s+direct\s+just now\s+anthropic\/claude-sonnet-4-6\s/m);
    expect(result.stdout).toMatch(/^agent:main:scratch\s+direct\s/m);

    const json = await env.cli(['sessions', 'list', '--json', '--limit', '1']);
    expect(json.code).toBe(0);
    const payload = JSON.parse(json.stdout) as { sessions: Array<{ key: string }>; count: number };
    expect(payload.sessions).toHaveLength(1);
  });
});

describe('sessions show', () => {
  test('the transcript: the user message and the streamed answer, with UTC times', async () => {
    const result = await env.cli(['sessions', 'show', 'agent:main:main']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Session agent:main:main · id [\w-]+ · 2 messages/);
    expect(result.stdout).toMatch(/^\[\d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ\] user: hi$/m);
    expect(result.stdout).toMatch(/^\[[^\]]+\] assistant: Hello there!$/m);
    const limited = await env.cli(['sessions', 'show', 'agent:main:main', '--limit', '1', '--json']);
    expect((JSON.parse(limited.stdout) as { messages: unknown[] }).messages).toHaveLength(1);
  });
});

describe('sessions reset and delete', () => {
  test('reset empties the transcript (archived) and names the new session id', async () => {
    const result = await env.cli(['sessions', 'reset', 'agent:main:scratch']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Reset session agent:main:scratch \(new session id [\w-]+\); the previous transcript was archived\.$/m);
    expect((await env.cli(['sessions', 'show', 'agent:main:scratch'])).stdout).toContain('(empty transcript)');
  });

  test('delete refuses without --yes when stdin is not a terminal (exit 2), and the session stays', async () => {
    const result = await env.cli(['sessions', 'delete', 'agent:main:scratch']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('refusing to delete session agent:main:scratch without --yes');
    expect((await env.cli(['sessions', 'list'])).stdout).toContain('agent:main:scratch');
  });

  test('on a terminal it asks: "n" keeps the session (exit 1), "y" deletes it', async () => {
    const no = inputStream({ tty: true });
    no.end('n\n');
    const kept = await env.cli(['sessions', 'delete', 'agent:main:scratch'], { stdin: no });
    expect(kept.code).toBe(1);
    expect(kept.stderr).toContain('Delete session agent:main:scratch? (its transcript is archived) [y/N] ');
    expect(kept.stderr).toContain('Not deleted.');

    const yes = inputStream({ tty: true });
    yes.end('y\n');
    const deleted = await env.cli(['sessions', 'delete', 'agent:main:scratch'], { stdin: yes });
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toMatch(/^Deleted session agent:main:scratch/);
    expect((await env.cli(['sessions', 'list'])).stdout).not.toContain('agent:main:scratch');
  });

  test('--yes deletes without asking; deleting the main session is refused by the gateway (exit 1)', async () => {
    env.fake.enqueue(textTurn('ok'));
    expect((await env.cli(['agent', '-m', 'temp', '--session', 'agent:main:temp'])).code).toBe(0);
    const deleted = await env.cli(['sessions', 'delete', 'agent:main:temp', '--yes', '--json']);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toMatchObject({ ok: true, key: 'agent:main:temp', deleted: true });

    const main = await env.cli(['sessions', 'delete', 'agent:main:main', '--yes']);
    expect(main.code).toBe(1);
    expect(main.stderr).toContain('Cannot delete the main session');
  });
});

describe('models list', () => {
  test('the configured models as provider/model refs with their context windows; --json is the payload', async () => {
    const result = await env.cli(['models', 'list']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^anthropic\/claude-sonnet-4-6\s+200k\s+yes\s+Claude Sonnet 4\.6$/m);
    expect(result.stdout).toMatch(/^anthropic\/claude-opus-5\s+500k\s/m);
    const json = JSON.parse((await env.cli(['models', 'list', '--json'])).stdout) as { models: Array<{ id: string; provider: string }> };
    expect(json.models).toContainEqual(expect.objectContaining({ id: 'claude-opus-5', provider: 'anthropic', contextWindow: 500_000 }));
  });
});
