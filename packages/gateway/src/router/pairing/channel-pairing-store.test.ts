import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelPairingError } from './channel-pairing-error.js';
import { ChannelPairingStore, PAIRING_PENDING_TTL_MS } from './channel-pairing-store.js';
import { PAIRING_CODE_ALPHABET } from './pairing-code.js';

let stateDir: string;
let now: number;
let store: ChannelPairingStore;

beforeEach(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'rc-pairing-'));
  now = Date.parse('2026-05-01T10:00:00Z');
  store = new ChannelPairingStore({ stateDir, now: () => now });
});
afterEach(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

const readJson = async (name: string) => JSON.parse(await readFile(join(stateDir, 'credentials', name), 'utf8')) as Record<string, unknown>;

describe('ChannelPairingStore (OpenClaw files under <stateDir>/credentials)', () => {
  it('a new sender gets an 8-character code once; writing again refreshes the request with the same code', async () => {
    const first = await store.upsert({ channel: 'telegram', accountId: 'default', senderId: '7', meta: { username: 'alice', chatId: '7' } });
    expect(first.created).toBe(true);
    expect(first.code).toMatch(new RegExp(`^[${PAIRING_CODE_ALPHABET}]{8}$`));
    now += 60_000;
    expect(await store.upsert({ channel: 'telegram', accountId: 'default', senderId: '7' })).toEqual({ code: first.code, created: false });
    const file = await readJson('telegram-pairing.json');
    expect(file).toMatchObject({
      version: 1,
      requests: [{ id: '7', code: first.code, createdAt: '2026-05-01T10:00:00.000Z', lastSeenAt: '2026-05-01T10:01:00.000Z', meta: { accountId: 'default', username: 'alice', chatId: '7' } }],
    });
    expect((await stat(join(stateDir, 'credentials', 'telegram-pairing.json'))).mode & 0o777).toBe(0o600);
  });

  it('at most 3 pending per account; an expired request makes room and the sender gets a fresh code', async () => {
    for (const sender of ['1', '2', '3']) expect((await store.upsert({ channel: 'telegram', accountId: 'default', senderId: sender })).created).toBe(true);
    expect(await store.upsert({ channel: 'telegram', accountId: 'default', senderId: '4' })).toEqual({ code: '', created: false });
    expect((await store.upsert({ channel: 'telegram', accountId: 'work', senderId: '4' })).created).toBe(true);
    now += PAIRING_PENDING_TTL_MS + 1;
    expect((await store.upsert({ channel: 'telegram', accountId: 'default', senderId: '4' })).created).toBe(true);
    expect((await store.list('telegram')).map((request) => request.id)).toEqual(['4']);
  });

  it('approve by code (any case) or by request id; the sender joins the account allowlist file', async () => {
    const { code } = await store.upsert({ channel: 'telegram', accountId: 'default', senderId: '7' });
    const work = await store.upsert({ channel: 'telegram', accountId: 'work', senderId: '8' });
    expect(await store.approve({ channel: 'telegram', code: 'NOPE2345' })).toBeUndefined();
    expect(await store.approve({ channel: 'telegram', code: code.toLowerCase() })).toMatchObject({ accountId: 'default', request: { id: '7' } });
    expect(await store.pairedSenders('telegram', 'default')).toEqual(['7']);
    expect(await readJson('telegram-default-allowFrom.json')).toEqual({ version: 1, allowFrom: ['7'] });
    expect(await store.approve({ channel: 'telegram', code })).toBeUndefined(); // used up

    const [pending] = await store.list('telegram', 'work');
    expect(pending?.code).toBe(work.code);
    expect(await store.approve({ channel: 'telegram', accountId: 'default', requestId: store.requestIdOf('telegram', pending!) })).toBeUndefined();
    expect(await store.approve({ channel: 'telegram', requestId: store.requestIdOf('telegram', pending!) })).toMatchObject({ accountId: 'work' });
    expect(await store.pairedSenders('telegram', 'work')).toEqual(['8']);
    expect(await store.pairedSenders('telegram', 'default')).toEqual(['7']);
  });

  it('the default account also reads OpenClaw’s legacy channel-wide allowlist; dismiss forgets a request', async () => {
    const { code } = await store.upsert({ channel: 'telegram', accountId: 'default', senderId: '7' });
    await writeFile(join(stateDir, 'credentials', 'telegram-allowFrom.json'), JSON.stringify({ version: 1, allowFrom: ['11', 12] }));
    expect((await store.pairedSenders('telegram', 'default')).sort()).toEqual(['11', '12']);
    expect(await store.dismiss({ channel: 'telegram', code })).toMatchObject({ request: { id: '7' } });
    expect(await store.list('telegram')).toEqual([]);
    expect((await store.pairedSenders('telegram', 'default')).sort()).toEqual(['11', '12']);
  });

  it('a file that is not JSON is reported and never overwritten', async () => {
    await store.upsert({ channel: 'discord', accountId: 'default', senderId: '1' });
    await writeFile(join(stateDir, 'credentials', 'discord-pairing.json'), '{ not json');
    await expect(store.upsert({ channel: 'discord', accountId: 'default', senderId: '2' })).rejects.toSatisfy((error) => ChannelPairingError.isInstance(error));
    expect(await readFile(join(stateDir, 'credentials', 'discord-pairing.json'), 'utf8')).toBe('{ not json');
  });
});
