import { afterEach, describe, expect, test } from 'vitest';
import { createHarness, sleep, waitFor, type Harness } from './slack-test-harness.js';
import { buildAppMentionEvent, buildMessageEvent } from './testing/slack-event-builders.js';

describe('Slack channel, Socket Mode, inbound (real Bolt + SocketModeClient against the fake)', () => {
  let harness: Harness;
  afterEach(async () => {
    await harness.close();
  });

  const started = async (options: Parameters<typeof createHarness>[0] = {}) => {
    harness = await createHarness(options);
    await harness.start();
    await waitFor(() => harness.channel.status().connected, () => JSON.stringify(harness.channel.status()));
    return harness;
  };

  test('start: auth.test, apps.connections.open with the app token, hello → connected', async () => {
    const { fake, channel } = await started();
    expect(fake.callsTo('auth.test')[0]?.token).toBe(fake.identity.botToken);
    expect(fake.callsTo('apps.connections.open')[0]?.token).toBe(fake.identity.appToken);
    expect(channel.status()).toMatchObject({ accountId: 'default', running: true, connected: true, mode: 'socket', reconnectCount: 0, self: { id: 'U0BOT', username: 'claw' } });
    expect(channel.status().lastError).toBeUndefined();
  });

  test('a DM reaches onInbound with chat, sender (names from users.info) and plain text; acked only after onInbound resolved', async () => {
    const { fake } = await started();
    fake.addUser({ id: 'U1', name: 'ann', displayName: 'Ann A.' });
    let release!: () => void;
    harness.onInbound = () => new Promise<void>((resolve) => (release = resolve));
    const envelope = fake.sendEvent(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'hi <@U0BOT> &amp; see <https://x.y|docs>', ts: '1700000000.000100' }));
    await waitFor(() => harness.inbound.length === 1);
    await sleep(50);
    expect(envelope.acked).toBe(false);
    release();
    await waitFor(() => envelope.acked);
    expect(harness.inbound[0]).toEqual({
      channel: 'slack',
      accountId: 'default',
      messageId: '1700000000.000100',
      chat: { id: 'D1', type: 'direct' },
      sender: { id: 'U1', username: 'ann', displayName: 'Ann A.' },
      text: 'hi @claw & see docs (https://x.y)',
      timestamp: 1_700_000_000_000,
    });
    expect(harness.channel.status().lastInboundAt).toBeGreaterThan(0);
  });

  test('channel thread with an @mention: message + app_mention become one inbound with thread and mentionsBot', async () => {
    const { fake } = await started();
    const base = { channel: 'C1', user: 'U2', text: '<@U0BOT> help', ts: '1700000001.000200', threadTs: '1700000000.000100' };
    fake.sendEvent(buildMessageEvent({ ...base, channelType: 'channel' }));
    fake.sendEvent(buildAppMentionEvent(base));
    fake.sendEvent(buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U3', text: 'unrelated chatter', ts: '1700000002.000300' }));
    await waitFor(() => harness.inbound.length >= 2 && fake.socket.envelopes.filter((e) => e.acked).length >= 3);
    await sleep(100);
    expect(harness.inbound).toHaveLength(2);
    expect(harness.inbound[0]).toMatchObject({ chat: { id: 'C1', type: 'channel' }, threadId: '1700000000.000100', replyToMessageId: '1700000000.000100', sender: { id: 'U2' }, mentionsBot: true, text: '@claw help' });
    expect(harness.inbound[1]).toMatchObject({ chat: { id: 'C1', type: 'channel' }, mentionsBot: false });
    expect(harness.inbound[1]?.threadId).toBeUndefined();
  });

  test('app_mention alone in a group DM gets its chat type from conversations.info', async () => {
    const { fake } = await started();
    fake.addConversation({ id: 'G1', type: 'mpim' });
    fake.sendEvent(buildAppMentionEvent({ channel: 'G1', user: 'U2', text: '<@U0BOT> yo' }));
    await waitFor(() => harness.inbound.length === 1);
    expect(harness.inbound[0]).toMatchObject({ chat: { id: 'G1', type: 'group' }, mentionsBot: true });
  });

  test('a reply in a thread the bot started counts as addressed to the bot', async () => {
    const { fake } = await started();
    fake.sendEvent(buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U2', text: 'thanks', threadTs: '1.000001', parentUserId: 'U0BOT' }));
    await waitFor(() => harness.inbound.length === 1);
    expect(harness.inbound[0]?.mentionsBot).toBe(true);
  });

  test('onInbound rejects → not acked → Slack redelivers → stored once it succeeds', async () => {
    const { fake } = await started({ fake: { ackTimeoutMs: 200 } });
    let failures = 0;
    harness.onInbound = async () => {
      if (failures === 0) {
        failures += 1;
        throw new Error('session store unavailable');
      }
    };
    fake.sendEvent(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'store me' }));
    await waitFor(() => harness.inbound.length === 2 && fake.socket.envelopes.some((e) => e.acked));
    expect(fake.socket.envelopes.map((e) => [e.retryAttempt, e.acked])).toEqual([[0, false], [1, true]]);
    expect(harness.inbound[1]?.messageId).toBe(harness.inbound[0]?.messageId);
    expect(harness.logs.some((line) => line.level === 'warn' && line.message.includes('not acknowledged'))).toBe(true);
  });

  test('duplicates (same channel + ts) reach onInbound once and are acked', async () => {
    const { fake } = await started();
    const event = buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'once', ts: '1700000005.000001' });
    fake.sendEvent(event);
    fake.sendEvent(event);
    await waitFor(() => fake.socket.envelopes.filter((e) => e.acked).length === 2);
    expect(harness.inbound).toHaveLength(1);
  });

  test('a redelivered envelope of an event already stored (same event_id) is acked without running again', async () => {
    const { fake } = await started();
    const event = buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'once only' });
    fake.sendEvent(event, { eventId: 'EvSAME' });
    await waitFor(() => fake.socket.envelopes[0]?.acked === true);
    fake.sendEvent(event, { eventId: 'EvSAME' });
    await waitFor(() => fake.socket.envelopes[1]?.acked === true);
    expect(harness.inbound).toHaveLength(1);
    expect(harness.logs.some((line) => line.message.includes('already processed') && line.fields['eventId'] === 'EvSAME')).toBe(true);
  });

  test("own messages, other bots, edits, joins, malformed and unknown events are skipped (and acked)", async () => {
    const { fake } = await started();
    const events = [
      buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U0BOT', text: 'my own echo' }),
      buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U9', text: 'other bot', botId: 'B9', subtype: 'bot_message' }),
      { ...buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U1', text: 'edited' }), subtype: 'message_changed' },
      buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U1', text: '<@U1> has joined the channel', subtype: 'channel_join' }),
      { type: 'message', channel: 42, ts: 'not-a-ts' },
      { type: 'reaction_added', user: 'U1', reaction: 'eyes', item: { type: 'message', channel: 'C1', ts: '1.1' } },
      buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U1', text: 'real one' }),
    ];
    for (const event of events) fake.sendEvent(event);
    await waitFor(() => fake.socket.envelopes.filter((e) => e.acked).length === events.length, () => JSON.stringify(fake.socket.envelopes.map((e) => e.acked)));
    expect(harness.inbound.map((message) => message.text)).toEqual(['real one']);
  });

  test('allowBots lets other bots through, marked as bots; never the bot itself', async () => {
    const { fake } = await started({ config: { allowBots: true } });
    fake.sendEvent(buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U9', text: 'beep', botId: 'B9', subtype: 'bot_message' }));
    fake.sendEvent(buildMessageEvent({ channel: 'C1', channelType: 'channel', user: 'U0BOT', text: 'self', botId: 'B0BOT' }));
    await waitFor(() => fake.socket.envelopes.filter((e) => e.acked).length === 2);
    expect(harness.inbound.map((message) => [message.text, message.sender])).toEqual([['beep', { id: 'U9', isBot: true }]]);
  });

  test('a file share arrives as an attachment whose download uses the bot token', async () => {
    const { fake } = await started();
    const file = fake.addFile({ id: 'F1', name: 'cat.png', mimetype: 'image/png', bytes: Buffer.from([0x89, 0x50, 0x4e, 0x47]) });
    fake.sendEvent(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'look', files: [file] }));
    await waitFor(() => harness.inbound.length === 1);
    const [attachment] = harness.inbound[0]?.attachments ?? [];
    expect(attachment).toMatchObject({ kind: 'image', mimeType: 'image/png', fileName: 'cat.png', sizeBytes: 4 });
    expect([...(await attachment!.download())]).toEqual([0x89, 0x50, 0x4e, 0x47]);
  });

  test('the apiRoot config key alone points the channel at the Web API (start, inbound, file download, send)', async () => {
    const { fake, channel } = await started({ apiRootInConfig: true });
    expect(fake.callsTo('apps.connections.open')).toHaveLength(1);
    const file = fake.addFile({ id: 'F2', name: 'a.txt', mimetype: 'text/plain', bytes: Buffer.from('hi') });
    fake.sendEvent(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'look', files: [file] }));
    await waitFor(() => harness.inbound.length === 1);
    // The fake's origin is trusted for downloads only because apiRoot names it.
    expect(Buffer.from(await harness.inbound[0]!.attachments![0]!.download()).toString()).toBe('hi');
    await channel.send({ chatId: 'D1' }, { text: 'pong' });
    expect(fake.callsTo('chat.postMessage').map((call) => call.params['text'])).toEqual(['pong']);
  });

  test('a huge inbound message passes through whole', async () => {
    const { fake } = await started();
    const text = 'x'.repeat(39_000);
    fake.sendEvent(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text }));
    await waitFor(() => harness.inbound.length === 1);
    expect(harness.inbound[0]?.text).toBe(text);
  });

  test('stop then start again: a fresh connection, messages flow again', async () => {
    const { fake, channel } = await started();
    await channel.stop();
    await harness.start();
    await waitFor(() => channel.status().connected);
    fake.sendEvent(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'back again' }));
    await waitFor(() => harness.inbound.length === 1);
    expect(fake.socket.connectionsAccepted).toBe(2);
  });

  test('stop: not running, not connected, nothing more is delivered', async () => {
    const { fake, channel } = await started();
    await channel.stop();
    expect(channel.status()).toMatchObject({ running: false, connected: false });
    fake.sendEvent(buildMessageEvent({ channel: 'D1', channelType: 'im', user: 'U1', text: 'after stop' }));
    await sleep(300);
    expect(harness.inbound).toHaveLength(0);
    expect(fake.openSockets).toBe(0);
  });
});
