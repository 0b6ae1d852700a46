import { describe, expect, test } from 'vitest';
import {
  assertAgentId,
  buildMainSessionKey,
  isValidAgentId,
  normalizeAccountId,
  normalizeAgentId,
  parseSessionKey,
  resolveSessionKey,
} from './session-key.js';

describe('resolveSessionKey (requests)', () => {
  test.each([
    [{}, 'agent:main:main'],
    [{ key: '' }, 'agent:main:main'],
    [{ key: 'main' }, 'agent:main:main'],
    [{ key: ' MAIN ' }, 'agent:main:main'],
    [{ key: 'main', agentId: 'Ops', mainKey: 'Work' }, 'agent:ops:work'],
    [{ key: 'Agent:Ops:Main' }, 'agent:ops:main'],
    [{ key: 'agent:main:telegram:direct:42' }, 'agent:main:telegram:direct:42'],
    [{ key: 'dashboard:ABC', agentId: 'ops' }, 'agent:ops:dashboard:abc'],
    [{ key: 'work' }, 'agent:main:work'],
  ])('%j → %s', (input, expected) => {
    expect(resolveSessionKey(input)).toBe(expected);
  });

  test('a malformed agent: key is a typed error', () => {
    expect(() => resolveSessionKey({ key: 'agent:main' })).toThrow(/malformed session key/);
    expect(() => resolveSessionKey({ key: 'agent:bad id!:main' })).toThrow(expect.objectContaining({ code: 'SESSION_KEY_INVALID' }));
  });
});

describe('resolveSessionKey (inbound messages)', () => {
  const dm = { channel: 'Telegram', accountId: 'Bot1', peer: { kind: 'direct' as const, id: 'User42' } };

  test.each([
    [undefined, 'agent:main:main'],
    ['main', 'agent:main:main'],
    ['per-peer', 'agent:main:direct:user42'],
    ['per-channel-peer', 'agent:main:telegram:direct:user42'],
    ['per-account-channel-peer', 'agent:main:telegram:bot1:direct:user42'],
  ] as const)('dmScope %s → %s', (dmScope, expected) => {
    expect(resolveSessionKey({ ...dm, dmScope })).toBe(expected);
  });

  test('an empty account id becomes "default"; an empty peer falls back to the main key', () => {
    expect(resolveSessionKey({ ...dm, accountId: '', dmScope: 'per-account-channel-peer' })).toBe('agent:main:telegram:default:direct:user42');
    expect(resolveSessionKey({ ...dm, peer: { kind: 'direct', id: ' ' }, dmScope: 'per-peer', mainKey: 'home' })).toBe('agent:main:home');
  });

  test('identityLinks map several peer ids to one canonical name (not under dmScope main)', () => {
    const identityLinks = { alice: ['telegram:user42', 'discord:9'] };
    expect(resolveSessionKey({ ...dm, dmScope: 'per-peer', identityLinks })).toBe('agent:main:direct:alice');
    expect(resolveSessionKey({ channel: 'discord', peer: { kind: 'direct', id: '9' }, dmScope: 'per-peer', identityLinks })).toBe('agent:main:direct:alice');
    expect(resolveSessionKey({ ...dm, dmScope: 'main', identityLinks })).toBe('agent:main:main');
  });

  test('groups, channels, rooms and threads', () => {
    expect(resolveSessionKey({ agentId: 'ops', channel: 'discord', peer: { kind: 'channel', id: 'C123' } })).toBe('agent:ops:discord:channel:c123');
    expect(resolveSessionKey({ channel: 'telegram', peer: { kind: 'group', id: '-100' }, threadId: 'T7' })).toBe('agent:main:telegram:group:-100:thread:t7');
    expect(resolveSessionKey({ channel: 'matrix', peer: { kind: 'room', id: '' } })).toBe('agent:main:matrix:room:unknown');
  });
});

describe('parseSessionKey', () => {
  test.each([
    ['agent:main:main', { agentId: 'main', rest: 'main', kind: 'main' }],
    ['AGENT:Ops:Work', { key: 'agent:ops:work', agentId: 'ops', kind: 'main' }],
    ['agent:main:direct:user42', { kind: 'direct', peerId: 'user42' }],
    ['agent:main:telegram:direct:user42', { kind: 'direct', channel: 'telegram', peerId: 'user42' }],
    ['agent:main:telegram:bot1:direct:user42', { kind: 'direct', channel: 'telegram', accountId: 'bot1', peerId: 'user42' }],
    ['agent:main:discord:channel:c1:thread:t9', { kind: 'channel', channel: 'discord', peerId: 'c1', threadId: 't9' }],
    ['agent:main:subagent:1234', { kind: 'subagent' }],
    ['agent:main:cron:job1:run:abc', { kind: 'cron' }],
    ['agent:main:something:else', { kind: 'other' }],
  ])('%s', (key, expected) => {
    expect(parseSessionKey(key)).toMatchObject(expected);
  });

  test('round-trips what resolveSessionKey builds', () => {
    const key = resolveSessionKey({ channel: 'slack', accountId: 'w1', peer: { kind: 'direct', id: 'U1' }, dmScope: 'per-account-channel-peer', threadId: 'x' });
    expect(parseSessionKey(key)).toEqual({ key, agentId: 'main', rest: 'slack:w1:direct:u1:thread:x', kind: 'direct', channel: 'slack', accountId: 'w1', peerId: 'u1', threadId: 'x' });
  });

  test.each(['global', 'hook:123', 'agent:main', 'agent::main', 'agent:bad id:main', ''])('%j is not an agent key', (key) => {
    expect(parseSessionKey(key)).toBeUndefined();
  });
});

describe('agent and account ids', () => {
  test('validation, normalization and the strict path-segment check', () => {
    expect(isValidAgentId('ops_2')).toBe(true);
    expect(isValidAgentId('-ops')).toBe(false);
    expect(isValidAgentId('a'.repeat(65))).toBe(false);
    expect(normalizeAgentId(' My Agent! ')).toBe('my-agent');
    expect(normalizeAgentId('')).toBe('main');
    expect(normalizeAgentId('__proto__')).toBe('main');
    expect(normalizeAccountId(undefined)).toBe('default');
    expect(assertAgentId('Ops')).toBe('ops');
    expect(() => assertAgentId('../etc')).toThrow(/invalid agent id/);
    expect(buildMainSessionKey({ agentId: 'Ops', mainKey: ' ' })).toBe('agent:ops:main');
  });
});
