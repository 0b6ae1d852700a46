import { describe, expect, test } from 'vitest';
import { applyMergePatch } from './merge-patch.js';

describe('applyMergePatch (RFC 7396)', () => {
  // The examples of RFC 7396 Appendix A.
  test.each([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('%j + %j = %j', (target, patch, result) => {
    expect(applyMergePatch(target, patch)).toEqual(result);
  });

  test('does not mutate either input and ignores prototype keys', () => {
    const target = { a: { b: 1 } };
    const patch = JSON.parse('{"a": {"c": 2}, "__proto__": {"polluted": true}}') as unknown;
    const result = applyMergePatch(target, patch) as Record<string, unknown>;
    expect(result).toEqual({ a: { b: 1, c: 2 } });
    expect(target).toEqual({ a: { b: 1 } });
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  test('mergeObjectArraysById (OpenClaw config.patch): entries with ids merge, new ones append', () => {
    const target = { agents: { list: [{ id: 'a', name: 'A' }, { id: 'b', name: 'B' }] } };
    const patch = { agents: { list: [{ id: 'b', name: 'Bee', workspace: '/b' }, { id: 'c' }] } };
    expect(applyMergePatch(target, patch, { mergeObjectArraysById: true })).toEqual({
      agents: { list: [{ id: 'a', name: 'A' }, { id: 'b', name: 'Bee', workspace: '/b' }, { id: 'c' }] },
    });
    expect(applyMergePatch(target, patch)).toEqual(patch);
    // Arrays that are not all id-keyed are replaced as in plain RFC 7396.
    expect(applyMergePatch({ list: ['x'] }, { list: [{ id: 'y' }] }, { mergeObjectArraysById: true })).toEqual({ list: [{ id: 'y' }] });
  });
});
