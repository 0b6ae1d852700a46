import {
  AgentAcceptedResultSchema,
  AgentFinalResultSchema,
  AgentWaitResultSchema,
  ResponseFrameSchema,
} from '@rusty-claw/protocol';
import { mockResponses, textStreamParts } from '@rusty-claw/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { cliConnectParams } from '../test-support/test-gateway.js';
import { connectRaw, type RawSocket } from '../test-support/raw-socket.js';
import { isTerminalChat, mockModel, startAgentGateway, type AgentGateway } from './testing/start-agent-gateway.js';

describe('agent and agent.wait', () => {
  let env: AgentGateway | undefined;
  const sockets: RawSocket[] = [];
  afterEach(async () => {
    for (const socket of sockets.splice(0)) socket.close();
    await env?.close();
    env = undefined;
  });

  it('agent sends two responses with the request id: accepted, then the final result', async () => {
    env = await startAgentGateway({ models: { 'mock/agent': mockModel({ provider: 'mock', modelId: 'agent', stream: { parts: textStreamParts(['The answer ', 'is 42.']), delayMs: 5 } }) } });
    const { socket, answer } = await connectRaw(env.gateway.url, () => cliConnectParams());
    sockets.push(socket);
    expect(answer.ok).toBe(true);
    socket.send({ type: 'req', id: 'a-1', method: 'agent', params: { message: 'question', idempotencyKey: 'agent-run-1' } });
    await socket.waitFor((frame) => frame.type === 'res' && frame.id === 'a-1' && frame.payload?.status === 'ok', 5_000);
    const responses = socket.frames.filter((frame) => frame.type === 'res' && frame.id === 'a-1');
    expect(responses).toHaveLength(2);
    for (const frame of responses) expect(ResponseFrameSchema.safeParse(frame).success).toBe(true);
    expect(AgentAcceptedResultSchema.parse(responses[0]?.payload)).toMatchObject({ runId: 'agent-run-1', status: 'accepted' });
    const final = AgentFinalResultSchema.parse(responses[1]?.payload);
    expect(final).toMatchObject({ runId: 'agent-run-1', status: 'ok', summary: 'completed', result: { payloads: [{ text: 'The answer is 42.', mediaUrl: null }] } });
    expect(final.result?.meta.agentMeta).toMatchObject({ provider: 'mock', model: 'agent', sessionId: expect.any(String) });
    // The accepted response came before any event of the run's end.
    const acceptedAt = socket.frames.indexOf(responses[0] as (typeof socket.frames)[number]);
    const firstChat = socket.frames.findIndex((frame) => frame.event === 'chat');
    expect(acceptedAt).toBeLessThan(firstChat);

    // A repeat of the finished key gets the cached final response, once.
    const repeat = await socket.request('a-2', 'agent', { message: 'question', idempotencyKey: 'agent-run-1' });
    expect(repeat.payload).toEqual(responses[1]?.payload);
    expect(await socket.request('w-1', 'agent.wait', { runId: 'agent-run-1', timeoutMs: 10 })).toMatchObject({ ok: true, payload: { runId: 'agent-run-1', status: 'ok' } });
  });

  it('GatewayClient expectFinal resolves with the final result; agent.wait waits for a run and times out for an unknown one', async () => {
    env = await startAgentGateway({ models: { 'mock/agent': mockModel({ stream: () => ({ parts: textStreamParts(['slow ', 'reply']), delayMs: 30 }) }) } });
    const { client } = await env.client();
    const waited = client.request('agent.wait', { runId: 'wait-me', timeoutMs: 5_000 });
    const final = AgentFinalResultSchema.parse(await client.request('agent', { message: 'hi', idempotencyKey: 'wait-me', sessionKey: 'agent:main:work' }, { expectFinal: true }));
    expect(final.result?.payloads[0]?.text).toBe('slow reply');
    const snapshot = AgentWaitResultSchema.parse(await waited);
    expect(snapshot).toMatchObject({ runId: 'wait-me', status: 'ok', stopReason: 'stop' });
    expect(snapshot.endedAt).toBeGreaterThanOrEqual(snapshot.startedAt ?? 0);
    expect(await client.request('agent.wait', { runId: 'nobody', timeoutMs: 20 })).toEqual({ runId: 'nobody', status: 'timeout' });
    // The run used the session it named.
    const history = (await client.request('chat.history', { sessionKey: 'agent:main:work' })) as { messages: unknown[] };
    expect(history.messages).toHaveLength(2);
  });

  it('an aborted agent run answers status timeout / summary aborted; model overrides need admin', async () => {
    const model = mockModel({ stream: [{ parts: textStreamParts(Array.from({ length: 100 }, () => 'x')), delayMs: 10 }, mockResponses.text('ok')] });
    env = await startAgentGateway({ models: { 'mock/agent': model }, agentRuntime: { deltaThrottleMs: 0 } });
    const admin = await env.client();
    const writer = await env.client({ scopes: ['operator.write'] });
    const pending = admin.client.request('agent', { message: 'long', idempotencyKey: 'ab-agent' }, { expectFinal: true });
    await admin.waitForEvent((event) => event.event === 'chat' && (event.payload as { state?: string }).state === 'delta');
    // Another (non-admin) connection may not abort a run it did not start.
    await expect(writer.client.request('chat.abort', { sessionKey: 'main', runId: 'ab-agent' })).rejects.toMatchObject({ code: 'INVALID_REQUEST', message: 'unauthorized' });
    expect(await admin.client.request('chat.abort', { sessionKey: 'main' })).toEqual({ ok: true, aborted: true, runIds: ['ab-agent'] });
    expect(AgentFinalResultSchema.parse(await pending)).toMatchObject({ runId: 'ab-agent', status: 'timeout', summary: 'aborted', stopReason: 'rpc' });
    await admin.waitForEvent(isTerminalChat('ab-agent'));
    expect(await admin.client.request('agent.wait', { runId: 'ab-agent', timeoutMs: 10 })).toMatchObject({ status: 'timeout' });
    await expect(writer.client.request('agent', { message: 'hi', idempotencyKey: 'o-1', model: 'mock/agent' })).rejects.toMatchObject({
      code: 'INVALID_REQUEST',
      message: 'provider/model overrides are not authorized for this caller.',
    });
  });

  it('extraSystemPrompt reaches the model as part of the system prompt of that run only', async () => {
    const model = mockModel({ stream: [mockResponses.text('with extra'), mockResponses.text('without')] });
    env = await startAgentGateway({ models: { 'mock/agent': model } });
    const { client } = await env.client();
    const extra = 'Answer in the voice of a lighthouse keeper.';
    const first = AgentFinalResultSchema.parse(await client.request('agent', { message: 'hi', idempotencyKey: 'esp-1', extraSystemPrompt: extra }, { expectFinal: true }));
    expect(first.result?.payloads[0]?.text).toBe('with extra');
    const system = (index: number): string =>
      model
        .prompt(index)
        .filter((message) => message.role === 'system')
        .map((message) => String(message.content))
        .join('\n');
    expect(system(0)).toContain(extra);
    // The next run of the same session without it: not carried over.
    AgentFinalResultSchema.parse(await client.request('agent', { message: 'again', idempotencyKey: 'esp-2' }, { expectFinal: true }));
    expect(system(1)).not.toContain(extra);
    expect(system(1).length).toBeGreaterThan(0);
  });
});
