import {
  ChannelsPairingApproveResultSchema,
  ChannelsPairingListResultSchema,
  ChannelsStatusResultSchema,
  HealthResultSchema,
  type ChannelsPairingListResult,
  type ChannelsStatusResult,
} from '@rusty-claw/protocol';
import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeChatPlatform } from './testing/fake-chat-platform.js';
import { startChannelTestGateway, type ChannelTestGateway } from './testing/channel-test-gateway.js';

let gateway: ChannelTestGateway | undefined;
afterEach(async () => {
  await gateway?.close();
  gateway = undefined;
});

const account = (status: ChannelsStatusResult, accountId = 'default') => status.channelAccounts['fakechat']?.find((entry) => entry.accountId === accountId);

describe('channels.* methods: honest status, start/stop, logout/login', () => {
  it('channels.status reports each account: running, connected, last inbound/outbound, reconnects (OpenClaw shape)', async () => {
    gateway = await startChannelTestGateway({ channel: { dmPolicy: 'open', allowFrom: ['*'], accounts: { default: {}, work: { name: 'Work' } } } });
    const { platform } = gateway;
    platform.inject('default', { chatId: '7', senderId: '7', text: 'hi' });
    await platform.waitFor(() => platform.sent.length === 1);
    const status = ChannelsStatusResultSchema.parse(await gateway.call('channels.status'));
    expect(status.channelOrder).toEqual(['fakechat']);
    expect(status.channelLabels['fakechat']).toBe('Fakechat');
    expect(status.channelDefaultAccountId['fakechat']).toBe('default');
    expect(account(status)).toMatchObject({ running: true, connected: true, reconnectCount: 0, reconnectAttempts: 0, dmPolicy: 'open', allowFrom: ['*'], mode: 'fake' });
    expect(account(status)?.lastInboundAt).toEqual(expect.any(Number));
    expect(account(status)?.lastOutboundAt).toEqual(expect.any(Number));
    expect(account(status)).not.toHaveProperty('healthState');
    expect(account(status, 'work')).toMatchObject({ name: 'Work', running: true });
    expect(account(status, 'work')?.lastInboundAt).toBeUndefined();

    platform.channel('default')?.drop();
    const dropped = ChannelsStatusResultSchema.parse(await gateway.call('channels.status'));
    expect(account(dropped)).toMatchObject({ running: true, connected: false, reconnectCount: 1, lastError: 'connection reset', healthState: 'disconnected' });

    const probed = ChannelsStatusResultSchema.parse(await gateway.call('channels.status', { probe: true, timeoutMs: 2_000 }));
    expect(account(probed, 'work')).toMatchObject({ probe: { ok: true }, lastProbeAt: expect.any(Number) });
  });

  it('an account whose start fails is reported with its error; the gateway and the other accounts keep running', async () => {
    const platform = new FakeChatPlatform();
    platform.failStart.set('broken', '401 Unauthorized: invalid bot token');
    gateway = await startChannelTestGateway({ platform, channel: { dmPolicy: 'open', allowFrom: ['*'], accounts: { default: {}, broken: {} } } });
    const status = ChannelsStatusResultSchema.parse(await gateway.call('channels.status'));
    expect(account(status, 'broken')).toMatchObject({ running: false, connected: false, lastError: '401 Unauthorized: invalid bot token', healthState: 'failed' });
    expect(account(status)).toMatchObject({ running: true });
    expect(gateway.logger.has('channel account failed to start')).toBe(true);
    platform.failStart.delete('broken');
    expect(await gateway.call('channels.start', { channel: 'fakechat', accountId: 'broken' })).toEqual({ channel: 'fakechat', accountId: 'broken', started: true });
  });

  it('channels.stop / channels.start; unknown channels and accounts are INVALID_REQUEST', async () => {
    gateway = await startChannelTestGateway();
    expect(await gateway.call('channels.stop', { channel: 'fakechat' })).toEqual({ channel: 'fakechat', accountId: 'default', stopped: true });
    expect(account(ChannelsStatusResultSchema.parse(await gateway.call('channels.status')))).toMatchObject({ running: false, healthState: 'stopped', lastStopAt: expect.any(Number) });
    // A message arriving while stopped waits on the platform (not acknowledged) and is answered after the start.
    gateway.platform.inject('default', { chatId: '7', senderId: '7', text: 'while stopped' });
    expect(await gateway.call('channels.start', { channel: 'fakechat' })).toEqual({ channel: 'fakechat', accountId: 'default', started: true });
    await gateway.platform.waitFor(() => gateway?.platform.sent.find((message) => message.text === 'echo: while stopped'));
    await expect(gateway.call('channels.start', { channel: 'nope' })).rejects.toSatisfy((error) => ProtocolError.isInstance(error) && error.code === 'INVALID_REQUEST');
    await expect(gateway.call('channels.stop', { channel: 'fakechat', accountId: 'ghost' })).rejects.toThrow(/has no account "ghost"/);
    await expect(gateway.call('channels.stop', { channel: 'fakechat', extra: 1 })).rejects.toThrow(/invalid channels.stop params/);
  });

  it('channels.logout keeps an account down across a restart until channels.login', async () => {
    const first = await startChannelTestGateway();
    expect(await first.call('channels.logout', { channel: 'fakechat' })).toEqual({ channel: 'fakechat', accountId: 'default', cleared: false, loggedOut: true });
    await first.close({ keepState: true });
    gateway = await startChannelTestGateway({ stateDir: first.stateDir });
    expect(account(ChannelsStatusResultSchema.parse(await gateway.call('channels.status')))).toMatchObject({ running: false, loggedOut: true, healthState: 'logged-out' });
    expect(await gateway.call('channels.login', { channel: 'fakechat' })).toEqual({ channel: 'fakechat', accountId: 'default', loggedOut: false, started: true });
    expect(account(ChannelsStatusResultSchema.parse(await gateway.call('channels.status')))).toMatchObject({ running: true, loggedOut: false });
  });

  it('health reports channels, channelOrder and channelLabels', async () => {
    gateway = await startChannelTestGateway();
    const health = HealthResultSchema.parse(await gateway.call('health', { probe: true }));
    expect(health.channelOrder).toEqual(['fakechat']);
    expect(health.channelLabels).toEqual({ fakechat: 'Fakechat' });
    expect(health.channels['fakechat']).toMatchObject({ accountId: 'default', configured: true, running: true, connected: true, accounts: { default: { running: true } } });
  });
});

describe('DM pairing over the gateway (channels.pairing.*)', () => {
  it('an unknown sender gets one code; nothing reaches the agent until the code is approved; then it does', async () => {
    gateway = await startChannelTestGateway({ channel: { dmPolicy: 'pairing' } });
    const { platform } = gateway;
    platform.inject('default', { chatId: '31', senderId: '31', text: 'hello?', sender: { id: '31', username: 'carol' } });
    const challenge = await platform.waitFor(() => platform.sent[0]);
    const code = /```\n([A-Z2-9]{8})\n```/.exec(challenge.text)?.[1];
    expect(code).toBeDefined();
    expect(challenge.text).toContain(`rusty-claw pairing approve fakechat ${code}`);
    expect(challenge.chatId).toBe('31');
    platform.inject('default', { chatId: '31', text: 'anyone?', sender: { id: '31', username: 'carol' } });
    await platform.waitFor(() => platform.pending() === 0);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(platform.sent).toHaveLength(1); // same code, not sent again
    expect(gateway.model.calls).toHaveLength(0);

    const list = ChannelsPairingListResultSchema.parse(await gateway.call<ChannelsPairingListResult>('channels.pairing.list', { channel: 'fakechat' }));
    expect(list.accounts).toEqual([{ channel: 'fakechat', channelLabel: 'Fakechat', accountId: 'default', notifySupported: true }]);
    expect(list.requests).toMatchObject([{ channel: 'fakechat', accountId: 'default', senderId: '31', code, metadata: { username: 'carol', chatId: '31' } }]);

    await expect(gateway.call('channels.pairing.approve', { channel: 'fakechat', code: 'AAAAAAAA' })).rejects.toThrow('No pending pairing request found for code: AAAAAAAA');
    const approved = ChannelsPairingApproveResultSchema.parse(await gateway.call('channels.pairing.approve', { channel: 'fakechat', code, notify: true }));
    expect(approved).toMatchObject({ senderId: '31', notification: 'sent', commandOwnerBootstrap: 'not-requested', requestId: list.requests[0]?.requestId });
    await platform.waitFor(() => platform.sent.length === 2);

    platform.inject('default', { chatId: '31', senderId: '31', text: 'now?' });
    await platform.waitFor(() => platform.sent.find((message) => message.text === 'echo: now?'));
    expect(gateway.model.calls).toHaveLength(1);
  });

  it('approve by request id, dismiss, and refusals for channels without pairing', async () => {
    gateway = await startChannelTestGateway({ channel: { dmPolicy: 'pairing' } });
    const { platform } = gateway;
    platform.inject('default', { chatId: '1', senderId: '1', text: 'a' });
    platform.inject('default', { chatId: '2', senderId: '2', text: 'b' });
    await platform.waitFor(() => platform.sent.length === 2);
    const list = await gateway.call<ChannelsPairingListResult>('channels.pairing.list', {});
    const [first, second] = list.requests;
    expect(await gateway.call('channels.pairing.dismiss', { channel: 'fakechat', requestId: first?.requestId })).toMatchObject({ senderId: '1' });
    expect(await gateway.call('channels.pairing.approve', { channel: 'fakechat', accountId: 'default', requestId: second?.requestId })).toMatchObject({ senderId: '2', notification: 'not-requested' });
    expect((await gateway.call<ChannelsPairingListResult>('channels.pairing.list', {})).requests).toEqual([]);
    await expect(gateway.call('channels.pairing.approve', { channel: 'fakechat', code: 'X', requestId: 'Y' })).rejects.toThrow(/exactly one of requestId or code/);
    await expect(gateway.call('channels.pairing.list', { channel: 'nope' })).rejects.toThrow('unknown pairing channel: nope');
  });

  it('an account that does not use pairing cannot approve', async () => {
    gateway = await startChannelTestGateway({ channel: { dmPolicy: 'allowlist', allowFrom: ['1'] } });
    expect((await gateway.call<ChannelsPairingListResult>('channels.pairing.list', {})).accounts).toEqual([]);
    await expect(gateway.call('channels.pairing.approve', { channel: 'fakechat', code: 'ABCDEFGH' })).rejects.toThrow('channel account does not use DM pairing: fakechat');
  });
});
