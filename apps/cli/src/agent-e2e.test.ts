// `rusty-claw agent` end to end: main(argv, deps) in process against the real gateway, whose model is the real
// Anthropic provider talking to the testkit's fake Messages API. Stdout/stderr are captured; stdin and SIGINT are
// injected streams/emitters.
import { EventEmitter } from 'node:events';
import { Readable } from 'node:stream';
import { anthropicErrors, waitUntil } from '@rusty-claw/testkit';
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { endlessTurn, inputStream, startAgentGateway, textTurn, userTexts, type AgentGateway } from './testing/start-agent-gateway.js';

let env: AgentGateway;

beforeAll(async () => {
  env = await startAgentGateway();
});
afterAll(async () => {
  await env?.close();
});
beforeEach(() => {
  env.fake.reset();
});

describe('agent -m', () => {
  test('streams the reply to stdout (each piece once), ends the line, exits 0; the model got the message', async () => {
    env.fake.enqueue(textTurn('Hello', ', wor', 'ld!'));
    const result = await env.cli(['agent', '-m', 'Say hello']);
    expect(result).toMatchObject({ code: 0, stdout: 'Hello, world!\n', stderr: '' });
    expect(env.fake.messageRequests).toHaveLength(1);
    expect(userTexts(env.fake.messageRequests[0]).at(-1)).toBe('Say hello');
    expect(env.fake.messageRequests[0]).toMatchObject({ model: 'claude-sonnet-4-6', stream: true });
  });

  test('--json prints only the result object; --session picks the session', async () => {
    env.fake.enqueue(textTurn('Forty', '-two.'));
    const result = await env.cli(['agent', '-m', 'What is six times seven?', '--session', 'agent:main:json-test', '--json']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, state: 'final', sessionKey: 'agent:main:json-test', text: 'Forty-two.', runId: expect.any(String) });
  });

  test('--model sets the session model (sessions.patch) before sending; --thinking reaches the provider', async () => {
    env.fake.enqueue(textTurn('Opus here.'));
    const result = await env.cli(['agent', '-m', 'Who are you?', '--session', 'agent:main:model-test', '--model', 'anthropic/claude-opus-5']);
    expect(result).toMatchObject({ code: 0, stdout: 'Opus here.\n' });
    expect(result.stderr).toContain('Model for agent:main:model-test: anthropic/claude-opus-5');
    expect(env.fake.messageRequests[0]).toMatchObject({ model: 'claude-opus-5' });

    // It stays on the session (as the TUI's /model): the next message uses it without --model.
    env.fake.enqueue(textTurn('Still Opus.'));
    expect((await env.cli(['agent', '-m', 'And now?', '--session', 'agent:main:model-test'])).code).toBe(0);
    expect(env.fake.messageRequests[1]).toMatchObject({ model: 'claude-opus-5' });

    env.fake.enqueue(textTurn('Thought about it.'));
    expect((await env.cli(['agent', '-m', 'Think hard', '--session', 'agent:main:think-test', '--thinking', 'high'])).code).toBe(0);
    expect(env.fake.messageRequests[2]).toHaveProperty('thinking');
  });

  test('an unknown --model is refused by the gateway: exit 1 with its reason, nothing sent to the model', async () => {
    const result = await env.cli(['agent', '-m', 'hi', '--session', 'agent:main:bad-model', '--model', 'nope/nothing']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Gateway error/);
    expect(env.fake.messageRequests).toHaveLength(0);
  });

  test('a provider failure ends the run with a chat error: message on stderr, exit 1', async () => {
    // A request error (not auth or rate limit, which would also bench the only model for the later tests).
    env.fake.enqueue(anthropicErrors.invalidRequest('messages: text content blocks must be non-empty'));
    const result = await env.cli(['agent', '-m', 'hi', '--session', 'agent:main:error-test']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Run failed( \(\w+\))?: .*text content blocks must be non-empty/m);
  });

  test('--timeout is the run timeout: the gateway ends the run (error, kind timeout), exit 1; --json reports it', async () => {
    env.fake.enqueue(endlessTurn('slow'));
    const result = await env.cli(['agent', '-m', 'take your time', '--session', 'agent:main:timeout-test', '--timeout', '300', '--json']);
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: false, state: 'error', error: { errorKind: 'timeout', message: expect.stringContaining('300 ms') } });
    expect(result.stderr).toContain('Run failed (timeout)');
  });

  test('--verbose shows the tool call on stderr; both paragraphs of the reply reach stdout', async () => {
    env.fake.enqueue(
      { blocks: [{ type: 'text', deltas: ['Let me check.'] }, { type: 'tool_use', id: 'toolu_01', name: 'no_such_tool', inputChunks: ['{"q":', '"x"}'] }] },
      textTurn('That tool does not exist.'),
    );
    const result = await env.cli(['agent', '-m', 'Use a tool', '--session', 'agent:main:tool-test', '--verbose']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Let me check.\n\nThat tool does not exist.\n');
    expect(result.stderr).toContain('· tool no_such_tool {"q":"x"}');
    expect(result.stderr).toMatch(/· tool no_such_tool (failed|done)/);
  });
});

describe('agent without -m', () => {
  test('a piped stdin is the message (trailing newline dropped)', async () => {
    env.fake.enqueue(textTurn('Got it.'));
    const result = await env.cli(['agent', '--session', 'agent:main:pipe-test'], { stdin: Readable.from(['line one\n', 'line two\n']) });
    expect(result).toMatchObject({ code: 0, stdout: 'Got it.\n' });
    expect(userTexts(env.fake.messageRequests[0]).at(-1)).toBe('line one\nline two');
  });

  test('an empty pipe is a usage error (2); nothing reaches the model', async () => {
    const result = await env.cli(['agent'], { stdin: Readable.from(['  \n']) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('no message: pass -m');
    expect(env.fake.messageRequests).toHaveLength(0);
  });
});

describe('Ctrl-C', () => {
  test('during a run: chat.abort, the partial reply stays, "Run aborted", exit 130; the session is usable after', async () => {
    env.fake.enqueue(endlessTurn('Once upon a time'));
    const signals = new EventEmitter();
    const running = env.spawn(['agent', '-m', 'Tell me a long story', '--session', 'agent:main:abort-test'], { signals });
    await waitUntil(() => running.stdout.text.includes('Once upon a time'), 5_000, () => running.stderr.text);
    expect(signals.listenerCount('SIGINT')).toBe(1);
    signals.emit('SIGINT');
    const result = await running.done;
    expect(result.code).toBe(130);
    expect(result.stdout).toBe('Once upon a time\n');
    expect(result.stderr).toContain('Aborting the run');
    expect(result.stderr).toContain('Run aborted');
    // The handler is gone once the command returns: a later Ctrl-C is the shell's again.
    expect(signals.listenerCount('SIGINT')).toBe(0);

    env.fake.enqueue(textTurn('The end.'));
    expect(await env.cli(['agent', '-m', 'Just the ending', '--session', 'agent:main:abort-test'])).toMatchObject({ code: 0, stdout: 'The end.\n' });
  });
});

describe('the interactive REPL (stdin a terminal, driven as a stream)', () => {
  test('one turn per line; /model and /new administer the session; /help; end of input exits 0', async () => {
    env.fake.enqueue(textTurn('First answer.'), textTurn('Second answer.'));
    const stdin = inputStream({ tty: true });
    const running = env.spawn(['agent', '--session', 'agent:main:repl-test'], { stdin });
    stdin.write('first question\n');
    await waitUntil(() => running.stdout.text.includes('First answer.\n'), 5_000, () => running.stderr.text);
    stdin.write('/model anthropic/claude-opus-5\n/new\n/help\n/abort\nsecond question\n');
    await waitUntil(() => running.stdout.text.includes('Second answer.\n'), 5_000, () => running.stderr.text);
    stdin.end();
    const result = await running.done;

    expect(result.code).toBe(0);
    expect(result.stdout).toBe('First answer.\nSecond answer.\n');
    expect(result.stderr).toContain('Chatting in agent:main:repl-test');
    expect(result.stderr).toContain('Model for agent:main:repl-test: anthropic/claude-opus-5');
    expect(result.stderr).toMatch(/New session in agent:main:repl-test \(id [\w-]+\)\./);
    expect(result.stderr).toContain('/model <ref>');
    expect(result.stderr).toContain('No reply is streaming.');
    const [first, second] = env.fake.messageRequests;
    expect(first).toMatchObject({ model: 'claude-sonnet-4-6' });
    expect(second).toMatchObject({ model: 'claude-opus-5' });
    // After /new the model sees a fresh transcript: only the second question.
    expect(userTexts(second)).toEqual(['second question']);
  });

  test('/abort stops the streaming reply and the REPL goes on; /exit quits with 0', async () => {
    env.fake.enqueue(endlessTurn('Chapter one'), textTurn('Short one.'));
    const stdin = inputStream({ tty: true });
    const running = env.spawn(['agent', '--session', 'agent:main:repl-abort'], { stdin });
    stdin.write('long story please\n');
    await waitUntil(() => running.stdout.text.includes('Chapter one'), 5_000, () => running.stderr.text);
    stdin.write('/abort\n');
    await waitUntil(() => running.stderr.text.includes('Run aborted'), 5_000, () => running.stderr.text);
    stdin.write('a short one\n/exit\n');
    const result = await running.done;
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('Chapter one\nShort one.\n');
  });

  test('--json is refused in the interactive mode (exit 2)', async () => {
    const result = await env.cli(['agent', '--json'], { stdin: inputStream({ tty: true }) });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--json needs -m');
  });
});
