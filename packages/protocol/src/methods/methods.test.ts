import { describe, expect, it } from 'vitest';
import { loadV4Capture } from '../__fixtures__/load-fixture.js';
import { ConfigGetParamsSchema, ConfigPatchParamsSchema, ConfigSchemaResultSchema, ConfigSetParamsSchema } from './config.js';
import { DevicePairApproveParamsSchema, DevicePairListResultSchema, DeviceTokenRotateParamsSchema } from './device-pairing.js';
import { HealthParamsSchema, HealthResultSchema } from './health.js';
import { LastHeartbeatResultSchema } from './last-heartbeat.js';
import { parseMethodParams } from './parse-method-params.js';
import { StatusParamsSchema, StatusResultSchema } from './status.js';
import { SystemPresenceResultSchema } from './system-presence.js';

const capture = loadV4Capture();
const payload = (key: string): Record<string, unknown> => (capture[key] as { payload: Record<string, unknown> }).payload;

describe('method params', () => {
  it('absent params count as {}', () => {
    expect(parseMethodParams(HealthParamsSchema, undefined)).toMatchObject({ success: true, data: {} });
    expect(parseMethodParams(ConfigGetParamsSchema, undefined).success).toBe(true);
    expect(parseMethodParams(StatusParamsSchema, null).success).toBe(true);
  });
  it('health tolerates unknown keys (like the live gateway) but types probe', () => {
    expect(parseMethodParams(HealthParamsSchema, { bogus: 1 })).toMatchObject({ success: true, data: {} });
    expect(parseMethodParams(HealthParamsSchema, { probe: true })).toMatchObject({ success: true, data: { probe: true } });
    expect(parseMethodParams(HealthParamsSchema, { probe: 'yes' }).success).toBe(false);
  });
  it('status accepts what v3 and v4 CLIs send', () => {
    expect(parseMethodParams(StatusParamsSchema, (capture['statusRequest'] as { params: unknown }).params).success).toBe(true);
  });
  it('config.get is strict {}', () => {
    expect(parseMethodParams(ConfigGetParamsSchema, {}).success).toBe(true);
    expect(parseMethodParams(ConfigGetParamsSchema, { path: 'x' }).success).toBe(false);
  });
  it('config.set / config.patch need a non-empty raw and reject unknown keys', () => {
    expect(ConfigSetParamsSchema.safeParse({ raw: '{}', baseHash: 'abc' }).success).toBe(true);
    expect(ConfigSetParamsSchema.safeParse({ raw: '' }).success).toBe(false);
    expect(ConfigSetParamsSchema.safeParse({ raw: '{}', force: true }).success).toBe(false);
    expect(ConfigPatchParamsSchema.safeParse({ raw: '{"a":1}', restartDelayMs: 0, deliveryContext: { threadId: 5 } }).success).toBe(true);
    expect(ConfigPatchParamsSchema.safeParse({ raw: '{"a":1}', restartDelayMs: -1 }).success).toBe(false);
  });
  it('device pairing params are strict with non-empty ids', () => {
    expect(DevicePairApproveParamsSchema.safeParse({ requestId: 'r1' }).success).toBe(true);
    expect(DevicePairApproveParamsSchema.safeParse({ requestId: '' }).success).toBe(false);
    expect(DevicePairApproveParamsSchema.safeParse({ requestId: 'r1', note: 'x' }).success).toBe(false);
    expect(DeviceTokenRotateParamsSchema.safeParse({ deviceId: 'd', role: 'operator', scopes: ['operator.read'] }).success).toBe(true);
    expect(DeviceTokenRotateParamsSchema.safeParse({ deviceId: 'd' }).success).toBe(false);
  });
});

describe('method results', () => {
  it('the live health response and health event payload are HealthSummaries', () => {
    expect(HealthResultSchema.safeParse(payload('healthResponse')).success).toBe(true);
    expect(HealthResultSchema.safeParse(payload('healthEvent')).success).toBe(true);
  });
  it('health requires its required keys', () => {
    const { agents: _agents, ...noAgents } = payload('healthResponse');
    expect(HealthResultSchema.safeParse(noAgents).success).toBe(false);
    expect(HealthResultSchema.safeParse({ ...payload('healthResponse'), ok: false }).success).toBe(false);
  });
  it('the live status response is a StatusSummary; required keys stay required', () => {
    expect(StatusResultSchema.safeParse(payload('statusResponse')).success).toBe(true);
    const { taskAudit: _t, ...noAudit } = payload('statusResponse');
    expect(StatusResultSchema.safeParse(noAudit).success).toBe(false);
  });
  it('system-presence returns strict presence entries', () => {
    const snapshot = (payload('helloOk')['snapshot'] as { presence: unknown[] }).presence;
    expect(SystemPresenceResultSchema.safeParse(snapshot).success).toBe(true);
    expect(SystemPresenceResultSchema.safeParse([{ ts: 1, extra: 1 }]).success).toBe(false);
  });
  it('last-heartbeat is a heartbeat payload or null', () => {
    expect(LastHeartbeatResultSchema.safeParse(null).success).toBe(true);
    expect(LastHeartbeatResultSchema.safeParse({ ts: 1, status: 'ok-empty', indicatorType: 'ok' }).success).toBe(true);
    expect(LastHeartbeatResultSchema.safeParse({ ts: 1, status: 'maybe' }).success).toBe(false);
  });
  it('config.schema result is strict', () => {
    const ok = { schema: { type: 'object' }, uiHints: { 'gateway.port': { label: 'Port', order: 1 } }, version: '1', generatedAt: '2026-01-01T00:00:00Z' };
    expect(ConfigSchemaResultSchema.safeParse(ok).success).toBe(true);
    expect(ConfigSchemaResultSchema.safeParse({ ...ok, uiHints: { a: { colour: 'x' } } }).success).toBe(false);
  });
  it('device.pair.list result needs pending and paired', () => {
    expect(DevicePairListResultSchema.safeParse({ pending: [], paired: [] }).success).toBe(true);
    expect(DevicePairListResultSchema.safeParse({ pending: [] }).success).toBe(false);
  });
});
