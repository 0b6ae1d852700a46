import { validateConfig, type RustyClawConfig } from '@rusty-claw/core';
import { describe, expect, it } from 'vitest';
import { readRouteBindings, resolveAgentRoute, type RouteInput } from './resolve-agent-route.js';

/** `bindings` and `session.identityLinks` are OpenClaw keys the core schema strips today; set them on the object. */
function config(extra: Record<string, unknown>, input: Record<string, unknown> = {}): RustyClawConfig {
  return Object.assign(validateConfig(input).config, extra);
}

const agents = { agents: { list: [{ id: 'main', default: true }, { id: 'support' }, { id: 'ops' }, { id: 'team' }] } };
const dm = (senderId: string, extra: Partial<RouteInput> = {}): RouteInput => ({ channel: 'telegram', accountId: 'default', peer: { kind: 'direct', id: senderId }, ...extra });

describe('resolveAgentRoute: OpenClaw bindings', () => {
  it('a binding validated by the core schema (peer kind "dm", OpenClaw\'s alias of "direct") routes the DM', () => {
    const cfg = validateConfig({ ...agents, bindings: [{ agentId: 'support', match: { channel: 'telegram', peer: { kind: 'dm', id: '42' } } }] }).config;
    expect(resolveAgentRoute(cfg, dm('42'))).toMatchObject({ agentId: 'support', matchedBy: 'binding.peer' });
    expect(resolveAgentRoute(cfg, dm('43')).agentId).toBe('main');
  });

  it('without bindings: the default agent and, with dmScope main, the main session', () => {
    expect(resolveAgentRoute(config({}), dm('7'))).toEqual({ agentId: 'main', sessionKey: 'agent:main:main', mainSessionKey: 'agent:main:main', matchedBy: 'default' });
  });

  it('tiers: exact peer beats wildcard peer beats guild beats team beats account beats channel; config order within a tier', () => {
    const bindings = [
      { agentId: 'team', match: { channel: 'discord', accountId: '*' } },
      { agentId: 'ops', match: { channel: 'discord' } },
      { agentId: 'support', match: { channel: 'discord', guildId: 'G1' } },
      { agentId: 'ops', match: { channel: 'discord', peer: { kind: 'channel', id: '*' } } },
      { agentId: 'support', match: { channel: 'discord', peer: { kind: 'group', id: 'C1' } } },
      { agentId: 'team', match: { channel: 'discord', guildId: 'G1', roles: ['R1'] } },
    ];
    const cfg = config({ bindings }, agents);
    const at = (peer: RouteInput['peer'], extra: Partial<RouteInput> = {}): string => resolveAgentRoute(cfg, { channel: 'discord', accountId: 'default', peer, ...extra }).matchedBy;
    expect(at({ kind: 'channel', id: 'C1' })).toBe('binding.peer'); // group/channel kinds match each other
    expect(at({ kind: 'channel', id: 'C2' }, { guildId: 'G1' })).toBe('binding.peer.wildcard');
    expect(at({ kind: 'direct', id: '5' }, { guildId: 'G1', memberRoleIds: ['R1'] })).toBe('binding.guild+roles');
    expect(at({ kind: 'direct', id: '5' }, { guildId: 'G1', memberRoleIds: ['R9'] })).toBe('binding.guild');
    expect(at({ kind: 'direct', id: '5' })).toBe('binding.account');
    expect(resolveAgentRoute(cfg, { channel: 'discord', accountId: 'second', peer: { kind: 'direct', id: '5' } })).toMatchObject({ matchedBy: 'binding.channel', agentId: 'team' });
  });

  it('a binding without accountId is for the default account only; "*" is any account; all named constraints must match', () => {
    const cfg = config({ bindings: [{ agentId: 'support', match: { channel: 'telegram' } }, { agentId: 'ops', match: { channel: 'slack', teamId: 'T1' } }] }, agents);
    expect(resolveAgentRoute(cfg, dm('7')).agentId).toBe('support');
    expect(resolveAgentRoute(cfg, dm('7', { accountId: 'work' })).agentId).toBe('main');
    expect(resolveAgentRoute(cfg, { channel: 'slack', accountId: 'default', peer: { kind: 'channel', id: 'C1' }, teamId: 'T1' })).toMatchObject({ agentId: 'ops', matchedBy: 'binding.team' });
    expect(resolveAgentRoute(cfg, { channel: 'slack', accountId: 'default', peer: { kind: 'channel', id: 'C1' }, teamId: 'T2' }).agentId).toBe('main');
  });

  it('an agent id the config does not list falls back to the default agent; acp and malformed bindings are ignored', () => {
    const cfg = config({
      bindings: [{ type: 'acp', agentId: 'ops', match: { channel: 'telegram' } }, { agentId: 'ops', match: { channel: 'telegram', peer: { kind: 'nope', id: '7' } } }, { agentId: 'ghost', match: { channel: 'telegram' } }],
    }, agents);
    expect(readRouteBindings(cfg)).toHaveLength(1);
    expect(resolveAgentRoute(cfg, dm('7'))).toMatchObject({ agentId: 'main', matchedBy: 'binding.account' });
  });

  it('session keys follow session.dmScope (or the binding’s own), groups and threads per OpenClaw', () => {
    const scoped = (dmScope: string) => config({}, { session: { dmScope } });
    expect(resolveAgentRoute(scoped('per-peer'), dm('7')).sessionKey).toBe('agent:main:direct:7');
    expect(resolveAgentRoute(scoped('per-channel-peer'), dm('7')).sessionKey).toBe('agent:main:telegram:direct:7');
    expect(resolveAgentRoute(scoped('per-account-channel-peer'), dm('7', { accountId: 'Work' })).sessionKey).toBe('agent:main:telegram:work:direct:7');
    expect(resolveAgentRoute(config({}), { channel: 'telegram', accountId: 'default', peer: { kind: 'group', id: '-100' }, threadId: '42' }).sessionKey).toBe(
      'agent:main:telegram:group:-100:thread:42',
    );
    const perBinding = config({ bindings: [{ agentId: 'support', match: { channel: 'telegram' }, session: { dmScope: 'per-peer' } }] }, agents);
    expect(resolveAgentRoute(perBinding, dm('7')).sessionKey).toBe('agent:support:direct:7');
  });

  it('session.identityLinks folds several peer ids into one session', () => {
    const cfg = config({}, { session: { dmScope: 'per-peer' } });
    (cfg.session as Record<string, unknown>)['identityLinks'] = { alice: ['telegram:7', 'discord:99'] };
    expect(resolveAgentRoute(cfg, dm('7')).sessionKey).toBe('agent:main:direct:alice');
    expect(resolveAgentRoute(cfg, { channel: 'discord', accountId: 'default', peer: { kind: 'direct', id: '99' } }).sessionKey).toBe('agent:main:direct:alice');
  });
});
