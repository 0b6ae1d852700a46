import { ConfigError } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from './load-config.js';
import { makeTempDir } from './testing/temp-dir.js';

// `bindings` and `session.identityLinks` through the real loader (file → JSON5 → schema), as the gateway reads them.

let temp: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
});
afterEach(async () => {
  await temp.cleanup();
});

async function load(text: string) {
  return loadConfig({ path: await temp.write('rusty-claw.json', text), env: {} });
}

async function issuesOf(text: string): Promise<Array<[string, string]>> {
  const error = await load(text).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error.issues.map((issue) => [issue.path, issue.message]);
}

describe('bindings', () => {
  test('route bindings of every match kind load as written and are not reported as unsupported', async () => {
    const bindings = [
      { agentId: 'work', match: { channel: 'telegram', accountId: 'bot2', peer: { kind: 'direct', id: '42' } } },
      { type: 'route', agentId: 'work', comment: 'ops', match: { channel: 'discord', guildId: '1', roles: ['2', '3'] } },
      { agentId: 'main', match: { channel: 'slack', teamId: 'T1' }, session: { dmScope: 'per-peer' } },
      { agentId: 'main', match: { channel: 'telegram', peer: { kind: 'dm', id: '*' } } },
    ];
    const loaded = await load(JSON.stringify({ bindings, session: { identityLinks: { alice: ['telegram:1', 'discord:2'] } } }));
    expect(loaded.config.bindings).toEqual(bindings);
    expect(loaded.config.session?.identityLinks).toEqual({ alice: ['telegram:1', 'discord:2'] });
    expect(loaded.unsupported).toEqual([]);
    expect(loaded.warnings).toEqual([]);
  });

  test('an ACP binding loads (OpenClaw accepts it) with a warning that Rusty Claw ignores it', async () => {
    const loaded = await load('{bindings: [{agentId: "a", match: {channel: "x"}}, {type: "acp", agentId: "b", match: {channel: "discord", peer: {kind: "channel", id: "9"}}, acp: {mode: "oneshot"}}]}');
    expect(loaded.config.bindings).toHaveLength(2);
    expect(loaded.warnings).toEqual(['bindings[1]: ACP bindings (type "acp") are not implemented by Rusty Claw; this entry is ignored']);
  });

  test('a bad binding is an issue naming its path', async () => {
    expect(await issuesOf('{bindings: [{agentId: "a", match: {channel: "x"}}, {agentId: "b", match: {chanel: "telegram"}}]}')).toEqual([
      ['bindings[1].match.channel', 'required (expected string)'],
      ['bindings[1].match.chanel', 'unknown key "chanel" (did you mean bindings[1].match.channel?)'],
    ]);
    expect(await issuesOf('{bindings: [{agentId: "a", match: {channel: "x", peer: {kind: "room", id: "1"}}}]}')).toEqual([
      ['bindings[0].match.peer.kind', expect.stringContaining('"direct", "group", "channel", "dm"')],
    ]);
    expect(await issuesOf('{bindings: [{match: {channel: "x"}, session: {dmScope: "global"}}]}')).toEqual([
      ['bindings[0].agentId', 'required (expected string)'],
      ['bindings[0].session.dmScope', expect.stringContaining('"per-account-channel-peer"')],
    ]);
    expect(await issuesOf('{bindings: [{type: "acp", agentId: "a", match: {channel: "x"}}]}')).toEqual([
      ['bindings[0].match.peer', 'ACP bindings require match.peer.id to target a concrete conversation.'],
    ]);
    expect((await issuesOf('{bindings: [{type: "forward", agentId: "a", match: {channel: "x"}}]}'))[0]?.[0]).toBe('bindings[0].type');
    expect(await issuesOf('{bindings: {agentId: "a"}}')).toEqual([['bindings', expect.stringContaining('expected array')]]);
  });

  test('a bad identityLinks entry is an issue naming its path', async () => {
    expect(await issuesOf('{session: {identityLinks: {alice: "telegram:1"}}}')).toEqual([['session.identityLinks.alice', expect.stringContaining('expected array')]]);
  });
});
