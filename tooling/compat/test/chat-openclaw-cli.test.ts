// OpenClaw's own CLIs (2026.5.7 and 2026.9.6) drive a chat turn on a real Rusty Claw gateway process whose model
// is the real Anthropic provider pointed at the testkit's fake Messages API: `gateway call chat.send` starts the run,
// `gateway call chat.history` then shows the assistant's answer. The fake echoes the user's text, so each CLI run can
// check its own answer while both versions run in parallel.
import { anthropicStreamChunks, createFakeServer, type FakeServer } from '@rusty-claw/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRaw, describeRun, OPENCLAW_RELEASE, parseJsonOutput, runOpenClaw, startRustyClawGateway, type OpenClawVersion, type RunningGateway } from '../src/index.ts';
import { randomToken } from './fixtures.ts';

const token = randomToken();
let gateway: RunningGateway;
let anthropic: FakeServer;

/** The last user text of a Messages API request body. */
function lastUserText(body: unknown): string {
  const messages = (body as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
  const content = messages.filter((message) => message.role === 'user').at(-1)?.content;
  if (typeof content === 'string') return content;
  return ((content as Array<{ type: string; text?: string }> | undefined) ?? []).flatMap((block) => (block.type === 'text' ? [block.text ?? ''] : [])).join('');
}

beforeAll(async () => {
  anthropic = createFakeServer({
    'POST /v1/messages': ({ request }) => ({
      type: 'sse',
      chunks: anthropicStreamChunks({ model: 'claude-sonnet-4-6', blocks: [{ type: 'text', deltas: ['Echo: ', lastUserText(request.bodyJson)] }] }),
    }),
  });
  const baseUrl = await anthropic.start();
  gateway = await startRustyClawGateway({
    token,
    config: {
      gateway: { auth: { mode: 'token', token } },
      models: { providers: { anthropic: { baseUrl, apiKey: 'sk-ant-compat', api: 'anthropic-messages', models: [{ id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.6' }] } } },
      agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' } } },
    },
  });
});

afterAll(async () => {
  const exit = await gateway?.stop();
  await anthropic?.close();
  expect(exit, gateway?.process.describeOutput()).toMatchObject({ code: 0, signal: null, killed: false });
});

function call(version: OpenClawVersion, method: string, params: Record<string, unknown>, extra: string[] = []) {
  return runOpenClaw(version, ['gateway', 'call', method, '--url', gateway.url, '--token', token, '--json', ...extra, '--params', JSON.stringify(params)]);
}

/** Waits for the run on our own wire client (agent.wait), so the history call below is not a race. */
async function waitForRun(runId: string): Promise<unknown> {
  const session = await connectRaw({ url: gateway.url, token, minProtocol: 4, maxProtocol: 4, scopes: ['operator.write'] });
  try {
    return (await session.request('agent.wait', { runId, timeoutMs: 30_000 }, 35_000)).frame['payload'];
  } finally {
    await session.close();
  }
}

describe.concurrent.each(['v3', 'v4'] as const)('OpenClaw %s CLI: chat.send then chat.history', (version) => {
  it(`gateway call chat.send starts a run and chat.history shows the answer (${OPENCLAW_RELEASE[version]})`, async ({ expect }) => {
    const sessionKey = `agent:main:compat-${version}`;
    const runId = `compat-chat-${version}-${Date.now()}`;
    const message = `hello from OpenClaw ${OPENCLAW_RELEASE[version]}`;
    const sent = await call(version, 'chat.send', { sessionKey, message, idempotencyKey: runId });
    expect(sent.code, describeRun(sent)).toBe(0);
    expect(parseJsonOutput(sent.stdout)).toEqual({ runId, status: 'started' });

    expect(await waitForRun(runId)).toMatchObject({ runId, status: 'ok' });

    const history = await call(version, 'chat.history', { sessionKey });
    expect(history.code, describeRun(history)).toBe(0);
    const payload = parseJsonOutput(history.stdout) as { sessionKey: string; messages: Array<{ role: string; content: Array<{ type: string; text: string }>; __openclaw?: { seq: number } }> };
    expect(payload.sessionKey).toBe(sessionKey);
    expect(payload.messages.map((entry) => [entry.role, entry.content[0]?.text, entry.__openclaw?.seq])).toEqual([
      ['user', message, 1],
      ['assistant', `Echo: ${message}`, 2],
    ]);

    // A repeat of the finished idempotency key gets the cached answer, not a second run.
    const repeat = await call(version, 'chat.send', { sessionKey, message, idempotencyKey: runId });
    expect(repeat.code, describeRun(repeat)).toBe(0);
    expect(parseJsonOutput(repeat.stdout)).toEqual({ runId, status: 'ok' });
  });

  it(`gateway call agent --expect-final waits past "accepted" for the final result (${OPENCLAW_RELEASE[version]})`, async ({ expect }) => {
    const message = `agent turn from ${OPENCLAW_RELEASE[version]}`;
    const run = await call(version, 'agent', { message, sessionKey: `agent:main:agent-${version}`, idempotencyKey: `compat-agent-${version}-${Date.now()}` }, ['--expect-final', '--timeout', '60000']);
    expect(run.code, describeRun(run)).toBe(0);
    const final = parseJsonOutput(run.stdout) as { status: string; summary: string; result: { payloads: Array<{ text: string }> } };
    expect(final).toMatchObject({ status: 'ok', summary: 'completed' });
    expect(final.result.payloads.map((payload) => payload.text)).toEqual([`Echo: ${message}`]);
  });
});
