import { describe, expect, test } from 'vitest';
import { scopesToApprove, scopesToManage, scopesToRevoke } from './device-management-scopes.js';

describe('scopesToManage', () => {
  test('pairing plus exactly the scopes being granted; admin when admin or an unknown scope is involved', () => {
    expect(scopesToManage([])).toEqual(['operator.pairing']);
    expect(scopesToManage(['operator.read', 'operator.write'])).toEqual(['operator.pairing', 'operator.read', 'operator.write']);
    expect(scopesToManage(['operator.admin'])).toEqual(['operator.admin']);
    expect(scopesToManage(['operator.future-thing'])).toEqual(['operator.admin']);
    expect(scopesToManage(['node.camera'])).toEqual(['operator.pairing']);
  });
});

describe('scopesToApprove / scopesToRevoke read a device.pair.list payload', () => {
  const list = {
    pending: [
      { requestId: 'r1', deviceId: 'd1', role: 'operator', scopes: ['operator.read'] },
      { requestId: 'r2', deviceId: 'd2', roles: ['node'] },
      { requestId: 'r3', deviceId: 'd3', role: 'operator', scopes: [] },
    ],
    paired: [
      {
        deviceId: 'd3',
        tokens: [
          { role: 'operator', scopes: ['operator.admin'], revokedAtMs: 5 },
          { role: 'operator', scopes: ['operator.write'] },
        ],
      },
    ],
  };

  test('approve: the request’s scopes; a node-only request needs pairing only; a repair keeps the paired scopes', () => {
    expect(scopesToApprove(list, 'r1')).toEqual(['operator.pairing', 'operator.read']);
    expect(scopesToApprove(list, 'r2')).toEqual(['operator.pairing']);
    expect(scopesToApprove(list, 'r3')).toEqual(['operator.pairing', 'operator.write']);
    expect(scopesToApprove(list, 'unknown')).toBeUndefined();
    expect(scopesToApprove('garbage', 'r1')).toBeUndefined();
  });

  test('revoke: the scopes of the active token of that role', () => {
    expect(scopesToRevoke(list, 'd3', 'operator')).toEqual(['operator.pairing', 'operator.write']);
    expect(scopesToRevoke(list, 'missing', 'operator')).toEqual(['operator.pairing']);
  });
});
