import { describe, expect, test } from 'vitest';
import { formatPath, getAtPath, parsePath, setAtPath, unsetAtPath } from './object-path.js';

const config = { gateway: { port: 1, auth: { token: 't' } }, agents: { list: [{ id: 'a' }, { id: 'b' }] }, models: { providers: { 'my.host': { apiKey: 'k' } } } };

describe('paths', () => {
  test('parsePath and formatPath round-trip keys, indexes and quoted keys', () => {
    expect(parsePath('agents.list[1].id')).toEqual(['agents', 'list', 1, 'id']);
    expect(parsePath('models.providers["my.host"].apiKey')).toEqual(['models', 'providers', 'my.host', 'apiKey']);
    expect(parsePath('')).toEqual([]);
    expect(formatPath(['agents', 'list', 1, 'id'])).toBe('agents.list[1].id');
    expect(formatPath(['models', 'providers', 'my.host', 'apiKey'])).toBe('models.providers["my.host"].apiKey');
    for (const bad of ['a..b', 'a.', 'a[', 'a[x]', '.a']) expect(() => parsePath(bad), bad).toThrow(TypeError);
  });

  test('getAtPath', () => {
    expect(getAtPath(config, 'gateway.auth.token')).toBe('t');
    expect(getAtPath(config, 'agents.list[1].id')).toBe('b');
    expect(getAtPath(config, 'models.providers["my.host"].apiKey')).toBe('k');
    expect(getAtPath(config, 'gateway.nope.deeper')).toBeUndefined();
    expect(getAtPath(config, 'agents.list[5]')).toBeUndefined();
    expect(getAtPath(config, '')).toBe(config);
    expect(() => getAtPath(config, 'gateway.__proto__')).toThrow('not allowed');
  });

  test('setAtPath copies, creates missing objects, sets array items', () => {
    const next = setAtPath(config, 'gateway.auth.rateLimit.maxAttempts', 3);
    expect(getAtPath(next, 'gateway.auth')).toEqual({ token: 't', rateLimit: { maxAttempts: 3 } });
    expect(config.gateway.auth).toEqual({ token: 't' });
    expect(getAtPath(setAtPath(config, 'agents.list[0].name', 'A'), 'agents.list')).toEqual([{ id: 'a', name: 'A' }, { id: 'b' }]);
    expect(getAtPath(setAtPath(config, 'agents.list[2]', { id: 'c' }), 'agents.list[2].id')).toBe('c');
    expect(() => setAtPath(config, 'agents.list[9]', {})).toThrow('past the end');
    expect(() => setAtPath(config, 'gateway.port.x', 1)).toThrow('not an object');
    expect(() => setAtPath(config, 'constructor.prototype.polluted', 1)).toThrow('not allowed');
  });

  test('unsetAtPath removes keys and splices array items, keeping key order', () => {
    expect(unsetAtPath(config, 'gateway.auth.token')).toMatchObject({ gateway: { port: 1, auth: {} } });
    expect(Object.keys(unsetAtPath(config, 'gateway.port'))).toEqual(['gateway', 'agents', 'models']);
    expect(getAtPath(unsetAtPath(config, 'agents.list[0]'), 'agents.list')).toEqual([{ id: 'b' }]);
    expect(unsetAtPath(config, 'nope.deeper')).toEqual(config);
    expect(config.agents.list).toHaveLength(2);
  });
});
