import { describe, expect, it } from 'vitest';
import { authorizeMethod } from './authorize-method.js';
import { canReceiveEvent, EVENT_SCOPES, requiredScopeForEvent } from './event-scopes.js';
import { isMethodClassified, leastPrivilegeScopesForMethod, METHOD_SCOPES, requiredScopeForMethod } from './method-scopes.js';
import { ALL_OPERATOR_SCOPES, isOperatorScope, isRole, scopesSatisfy } from './operator-scopes.js';

describe('scopesSatisfy (admin covers all, write covers read, others exact)', () => {
  it('admin covers every scope', () => {
    for (const scope of ALL_OPERATOR_SCOPES) expect(scopesSatisfy(['operator.admin'], scope)).toBe(true);
  });
  it('write covers read but not the reverse', () => {
    expect(scopesSatisfy(['operator.write'], 'operator.read')).toBe(true);
    expect(scopesSatisfy(['operator.read'], 'operator.write')).toBe(false);
  });
  it('other scopes cover only themselves', () => {
    expect(scopesSatisfy(['operator.write'], 'operator.approvals')).toBe(false);
    expect(scopesSatisfy(['operator.write'], 'operator.pairing')).toBe(false);
    expect(scopesSatisfy(['operator.pairing'], 'operator.pairing')).toBe(true);
    expect(scopesSatisfy(['operator.approvals', 'operator.pairing'], 'operator.talk.secrets')).toBe(false);
    expect(scopesSatisfy([], 'operator.read')).toBe(false);
  });
  it("'none' is always satisfied", () => {
    expect(scopesSatisfy([], 'none')).toBe(true);
  });
});

describe('requiredScopeForMethod (§3.6, §5)', () => {
  it('health needs nothing', () => {
    expect(requiredScopeForMethod('health')).toBe('none');
  });
  it('classifies the minimal set as in the spec tables', () => {
    const expected: Record<string, string> = {
      status: 'operator.read',
      'system-presence': 'operator.read',
      'config.get': 'operator.read',
      'config.schema.lookup': 'operator.read',
      'last-heartbeat': 'operator.read',
      'chat.history': 'operator.read',
      'sessions.list': 'operator.read',
      'models.list': 'operator.read',
      'agents.list': 'operator.read',
      'chat.send': 'operator.write',
      'chat.abort': 'operator.write',
      agent: 'operator.write',
      'agent.wait': 'operator.write',
      'talk.mode': 'operator.write',
      'sessions.patch': 'operator.admin',
      'sessions.reset': 'operator.admin',
      'chat.inject': 'operator.admin',
      'set-heartbeats': 'operator.admin',
      'system-event': 'operator.admin',
      'device.pair.list': 'operator.pairing',
      'device.pair.approve': 'operator.pairing',
      'device.pair.reject': 'operator.pairing',
      'device.pair.remove': 'operator.pairing',
      'device.token.rotate': 'operator.pairing',
      'device.token.revoke': 'operator.pairing',
      'node.rename': 'operator.pairing',
      'exec.approval.resolve': 'operator.approvals',
      'plugin.approval.list': 'operator.approvals',
    };
    for (const [method, scope] of Object.entries(expected)) expect(requiredScopeForMethod(method), method).toBe(scope);
  });
  it('the seven node-only methods need the node role', () => {
    for (const method of ['node.invoke.result', 'node.event', 'node.pending.drain', 'node.canvas.capability.refresh', 'node.pending.pull', 'node.pending.ack', 'skills.bins']) {
      expect(requiredScopeForMethod(method), method).toBe('node');
    }
    expect(Object.values(METHOD_SCOPES).filter((v) => v === 'node')).toHaveLength(7);
  });
  it('reserved prefixes and unclassified methods need admin', () => {
    for (const method of ['config.set', 'config.patch', 'config.apply', 'config.schema', 'config.openFile', 'exec.approvals.get', 'exec.approvals.node.set', 'wizard.start', 'update.run', 'update.status', 'no.such.method', 'wiki.get']) {
      expect(requiredScopeForMethod(method), method).toBe('operator.admin');
    }
  });
  it('does not fall for Object.prototype names', () => {
    expect(requiredScopeForMethod('constructor')).toBe('operator.admin');
    expect(requiredScopeForMethod('__proto__')).toBe('operator.admin');
    expect(requiredScopeForMethod('toString')).toBe('operator.admin');
  });
  it('knows which methods are classified', () => {
    expect(isMethodClassified('status')).toBe(true);
    expect(isMethodClassified('wizard.next')).toBe(true);
    expect(isMethodClassified('no.such.method')).toBe(false);
  });
  it('least-privilege scopes are what the OpenClaw CLI requests', () => {
    expect(leastPrivilegeScopesForMethod('health')).toEqual(['operator.read']);
    expect(leastPrivilegeScopesForMethod('agent')).toEqual(['operator.write']);
    expect(leastPrivilegeScopesForMethod('config.patch')).toEqual(['operator.admin']);
    expect(leastPrivilegeScopesForMethod('no.such.method')).toEqual([...ALL_OPERATOR_SCOPES]);
    expect(leastPrivilegeScopesForMethod('node.event')).toEqual([]);
  });
});

describe('authorizeMethod', () => {
  it('health works with no scopes and any role', () => {
    expect(authorizeMethod({ role: 'operator', scopes: [] }, 'health')).toEqual({ ok: true });
    expect(authorizeMethod({ role: 'node' }, 'health')).toEqual({ ok: true });
  });
  it('reports the missing scope (v3 "missing scope: X")', () => {
    expect(authorizeMethod({ role: 'operator', scopes: [] }, 'system-presence')).toEqual({ ok: false, reason: 'scope', missingScope: 'operator.read' });
    expect(authorizeMethod({ scopes: ['operator.read'] }, 'sessions.create')).toEqual({ ok: false, reason: 'scope', missingScope: 'operator.write' });
    expect(authorizeMethod({ scopes: ['operator.read'] }, 'no.such.method')).toEqual({ ok: false, reason: 'scope', missingScope: 'operator.admin' });
    expect(authorizeMethod({ scopes: ['operator.write'] }, 'status')).toEqual({ ok: true });
    expect(authorizeMethod({ scopes: ['operator.admin'] }, 'device.pair.list')).toEqual({ ok: true });
  });
  it('enforces roles: node methods for nodes only, everything else for operators', () => {
    expect(authorizeMethod({ role: 'operator', scopes: ['operator.admin'] }, 'node.event')).toEqual({ ok: false, reason: 'role', role: 'operator' });
    expect(authorizeMethod({ role: 'node' }, 'node.event')).toEqual({ ok: true });
    expect(authorizeMethod({ role: 'node', scopes: ['operator.admin'] }, 'status')).toEqual({ ok: false, reason: 'role', role: 'node' });
    expect(authorizeMethod({ role: 'worker' }, 'status')).toEqual({ ok: false, reason: 'role', role: 'worker' });
  });
});

describe('requiredScopeForEvent / canReceiveEvent (§6)', () => {
  it('matches the guard table', () => {
    for (const event of ['agent', 'chat', 'chat.side_result', 'cron', 'sessions.changed', 'session.message', 'session.tool', 'voicewake.changed', 'voicewake.routing.changed']) {
      expect(requiredScopeForEvent(event), event).toBe('operator.read');
    }
    for (const event of ['exec.approval.requested', 'exec.approval.resolved', 'plugin.approval.requested', 'plugin.approval.resolved']) {
      expect(requiredScopeForEvent(event), event).toBe('operator.approvals');
    }
    for (const event of ['device.pair.requested', 'device.pair.resolved', 'node.pair.requested', 'node.pair.resolved']) {
      expect(requiredScopeForEvent(event), event).toBe('operator.pairing');
    }
    expect(requiredScopeForEvent('talk.mode')).toBe('operator.write');
    for (const event of ['health', 'heartbeat', 'presence', 'shutdown', 'tick', 'update.available']) expect(requiredScopeForEvent(event), event).toBe('none');
    expect(Object.keys(EVENT_SCOPES)).toHaveLength(24);
  });
  it('fails closed for unknown events and the pre-auth challenge; plugin.* needs write', () => {
    expect(requiredScopeForEvent('connect.challenge')).toBeUndefined();
    expect(requiredScopeForEvent('node.invoke.request')).toBeUndefined();
    expect(requiredScopeForEvent('made.up')).toBeUndefined();
    expect(requiredScopeForEvent('constructor')).toBeUndefined();
    expect(requiredScopeForEvent('plugin.wiki.changed')).toBe('operator.write');
  });
  it('delivers to operators by scope (write covers read, admin covers all)', () => {
    expect(canReceiveEvent({ scopes: ['operator.read'] }, 'chat')).toBe(true);
    expect(canReceiveEvent({ scopes: ['operator.write'] }, 'chat')).toBe(true);
    expect(canReceiveEvent({ scopes: [] }, 'chat')).toBe(false);
    expect(canReceiveEvent({ scopes: [] }, 'tick')).toBe(true);
    expect(canReceiveEvent({ scopes: ['operator.read'] }, 'talk.mode')).toBe(false);
    expect(canReceiveEvent({ scopes: ['operator.read'] }, 'device.pair.requested')).toBe(false);
    expect(canReceiveEvent({ scopes: ['operator.pairing'] }, 'device.pair.requested')).toBe(true);
    expect(canReceiveEvent({ scopes: ['operator.admin'] }, 'exec.approval.requested')).toBe(true);
    expect(canReceiveEvent({ scopes: ['operator.admin'] }, 'made.up')).toBe(false);
    expect(canReceiveEvent({ scopes: ['operator.read'] }, 'plugin.wiki.changed')).toBe(false);
    expect(canReceiveEvent({ scopes: ['operator.write'] }, 'plugin.wiki.changed')).toBe(true);
  });
  it('nodes get scope-free events plus voicewake, nothing else', () => {
    expect(canReceiveEvent({ role: 'node' }, 'tick')).toBe(true);
    expect(canReceiveEvent({ role: 'node' }, 'presence')).toBe(true);
    expect(canReceiveEvent({ role: 'node' }, 'voicewake.changed')).toBe(true);
    expect(canReceiveEvent({ role: 'node' }, 'voicewake.routing.changed')).toBe(true);
    expect(canReceiveEvent({ role: 'node', scopes: ['operator.admin'] }, 'chat')).toBe(false);
    expect(canReceiveEvent({ role: 'node', scopes: ['operator.admin'] }, 'plugin.wiki.changed')).toBe(false);
  });
});

describe('guards', () => {
  it('isRole / isOperatorScope', () => {
    expect(isRole('operator')).toBe(true);
    expect(isRole('node')).toBe(true);
    expect(isRole('worker')).toBe(false);
    expect(isOperatorScope('operator.talk.secrets')).toBe(true);
    expect(isOperatorScope('operator.questions')).toBe(false);
  });
});
