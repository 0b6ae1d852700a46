import { Ajv } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import * as protocol from '../index.js';
import { diffJsonSchemas } from './json-schema-diff.js';
import { loadOpenClawSchemas, type JsonSchema } from './load-openclaw.js';
import { sampleFromJsonSchema } from './sample-from-json-schema.js';

// Cross-check with OpenClaw's own TypeBox schemas, loaded at test time from the reference packages
// in tooling/compat (2026.5.7 = v3, 2026.9.6 = v4):
//  1. structure: required keys, property sets, strictness, enums and bounds match, except for the
//     differences listed below, each a deliberate decision (the list must stay exact);
//  2. acceptance: a full and a minimal value built from OUR schema pass our zod schema and OpenClaw's
//     Ajv validation (for v3, after removing the listed v4-only fields).

type Pair = {
  ours: z.ZodType;
  theirs: string;
  /** Documented differences (output of diffJsonSchemas). */
  known?: string[];
  /** v4-only fields of ours to drop before validating a full sample with OpenClaw v3. */
  v4Only?: string[];
};

/** Accepted on connect so that newer (v4) clients are not refused before version negotiation. */
const CONNECT_V4_ADDITIONS = [
  '$.computerUse: only ours has it',
  '$.workerRuns: only ours has it',
  '$.modelCatalog: only ours has it',
  '$.client.buildId: only ours has it',
  '$.client.timeZone: only ours has it',
  '$.client.id: enum values only ours accepts "openclaw-browser-copilot","openclaw-linux","openclaw-watchos","openclaw-worker"',
  '$.client.mode: enum values only ours accepts "worker"',
];

/**
 * The one place ours is looser than OpenClaw: v4 types `snapshot.health` as a strict HealthSummary,
 * ours keeps v3's "any JSON" (the gateway validates what it sends with HealthResultSchema). The
 * samples use `{}`, which both accept.
 */
const V4_SNAPSHOT_OPAQUE = ['health: ours accepts anything, theirs is constrained'];

const pairs = (): Record<'v3' | 'v4', Record<string, Pair>> => ({
  v3: {
    ConnectParams: {
      ours: protocol.ConnectParamsSchema,
      theirs: 'ConnectParams',
      known: CONNECT_V4_ADDITIONS,
      v4Only: ['computerUse', 'workerRuns', 'modelCatalog', 'client.buildId', 'client.timeZone'],
    },
    HelloOk: { ours: protocol.HelloOkV3Schema, theirs: 'HelloOk' },
    Snapshot: { ours: protocol.SnapshotSchema, theirs: 'Snapshot' },
    PresenceEntry: { ours: protocol.PresenceEntrySchema, theirs: 'PresenceEntry' },
    ErrorShape: { ours: protocol.ErrorShapeSchema, theirs: 'ErrorShape' },
    StateVersion: { ours: protocol.StateVersionSchema, theirs: 'StateVersion' },
    // v4's W3C trace context; a v3 client never sends it, so accepting it is harmless.
    RequestFrame: { ours: protocol.RequestFrameSchema, theirs: 'RequestFrame', known: ['$.traceparent: only ours has it'], v4Only: ['traceparent'] },
    ResponseFrame: { ours: protocol.ResponseFrameSchema, theirs: 'ResponseFrame' },
    EventFrame: { ours: protocol.EventFrameSchema, theirs: 'EventFrame' },
    TickEvent: { ours: protocol.TickEventSchema, theirs: 'TickEvent' },
    ShutdownEvent: { ours: protocol.ShutdownEventSchema, theirs: 'ShutdownEvent' },
    ChatEvent: { ours: protocol.ChatEventSchema, theirs: 'ChatEvent' },
    DevicePairRequestedEvent: { ours: protocol.DevicePairRequestedEventSchema, theirs: 'DevicePairRequestedEvent' },
    DevicePairResolvedEvent: { ours: protocol.DevicePairResolvedEventSchema, theirs: 'DevicePairResolvedEvent' },
    ConfigGetParams: { ours: protocol.ConfigGetParamsSchema, theirs: 'ConfigGetParams' },
    ConfigSetParams: { ours: protocol.ConfigSetParamsSchema, theirs: 'ConfigSetParams' },
    ConfigPatchParams: { ours: protocol.ConfigPatchParamsSchema, theirs: 'ConfigPatchParams' },
    ConfigSchemaParams: { ours: protocol.ConfigSchemaParamsSchema, theirs: 'ConfigSchemaParams' },
    ConfigSchemaResult: { ours: protocol.ConfigSchemaResultSchema, theirs: 'ConfigSchemaResponse' },
    DevicePairListParams: { ours: protocol.DevicePairListParamsSchema, theirs: 'DevicePairListParams' },
    DevicePairApproveParams: { ours: protocol.DevicePairApproveParamsSchema, theirs: 'DevicePairApproveParams' },
    DevicePairRejectParams: { ours: protocol.DevicePairRejectParamsSchema, theirs: 'DevicePairRejectParams' },
    DevicePairRemoveParams: { ours: protocol.DevicePairRemoveParamsSchema, theirs: 'DevicePairRemoveParams' },
    DeviceTokenRotateParams: { ours: protocol.DeviceTokenRotateParamsSchema, theirs: 'DeviceTokenRotateParams' },
    DeviceTokenRevokeParams: { ours: protocol.DeviceTokenRevokeParamsSchema, theirs: 'DeviceTokenRevokeParams' },
  },
  v4: {
    ConnectParams: {
      ours: protocol.ConnectParamsSchema,
      theirs: 'ConnectParams',
      known: [
        // zod cannot say uniqueItems in JSON Schema; the zod schema enforces it with a refinement.
        '$.workerRuns.protocolFeatures: uniqueItems ours undefined theirs true',
        // Runtime-identity tokens of OpenClaw's worker/approval runtimes: accepted and dropped
        // (connect.auth ignores unknown keys), since Rusty Claw has no such runtimes.
        '$.auth.approvalRuntimeToken: only theirs has it',
        '$.auth.agentRuntimeIdentityToken: only theirs has it',
      ],
    },
    HelloOk: { ours: protocol.HelloOkV4Schema, theirs: 'HelloOk', known: V4_SNAPSHOT_OPAQUE.map((line) => `$.snapshot.${line}`) },
    Snapshot: { ours: protocol.SnapshotV4Schema, theirs: 'Snapshot', known: V4_SNAPSHOT_OPAQUE.map((line) => `$.${line}`) },
    PresenceEntry: { ours: protocol.PresenceEntryV4Schema, theirs: 'PresenceEntry' },
    ErrorShape: { ours: protocol.ErrorShapeSchema, theirs: 'ErrorShape' },
    StateVersion: { ours: protocol.StateVersionSchema, theirs: 'StateVersion' },
    // Multi-user profile routing (v4 2026.7+), which Rusty Claw does not implement: a frame
    // carrying these keys is refused rather than silently routed to the wrong profile.
    RequestFrame: { ours: protocol.RequestFrameSchema, theirs: 'RequestFrame', known: ['$.expectedProfileId: only theirs has it'] },
    ResponseFrame: { ours: protocol.ResponseFrameSchema, theirs: 'ResponseFrame' },
    EventFrame: { ours: protocol.EventFrameSchema, theirs: 'EventFrame', known: ['$.recipientProfileId: only theirs has it'] },
    TickEvent: { ours: protocol.TickEventSchema, theirs: 'TickEvent' },
    ShutdownEvent: { ours: protocol.ShutdownEventSchema, theirs: 'ShutdownEvent' },
  },
});

const toJson = (schema: z.ZodType): JsonSchema => z.toJSONSchema(schema, { target: 'draft-7', io: 'output' }) as JsonSchema;

function dropPath(value: Record<string, unknown>, dotted: string): void {
  const parts = dotted.split('.');
  const last = parts.pop() as string;
  let target: Record<string, unknown> | undefined = value;
  for (const part of parts) target = target?.[part] as Record<string, unknown> | undefined;
  if (target !== undefined) delete target[last];
}

describe.each(['v3', 'v4'] as const)('our schemas against OpenClaw %s', (version) => {
  let theirs: Record<string, JsonSchema>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  beforeAll(async () => {
    theirs = await loadOpenClawSchemas(version);
  }, 30_000); // OpenClaw's protocol module pulls in typebox + ajv: slow on a busy machine

  it.each(Object.entries(pairs()[version]))('%s: structure matches, apart from the documented differences', (_name, pair) => {
    const theirSchema = theirs[pair.theirs];
    expect(theirSchema, `OpenClaw ${version} has no ${pair.theirs}`).toBeDefined();
    expect(diffJsonSchemas(toJson(pair.ours), theirSchema as JsonSchema)).toEqual(pair.known ?? []);
  });

  it.each(Object.entries(pairs()[version]))('%s: values our schema accepts are valid for OpenClaw', (_name, pair) => {
    const validate = ajv.compile(theirs[pair.theirs] as JsonSchema);
    for (const mode of ['full', 'minimal'] as const) {
      const sample = sampleFromJsonSchema(toJson(pair.ours), mode);
      const parsed = pair.ours.safeParse(sample);
      expect(parsed.success, `${mode} sample rejected by our own schema: ${parsed.error?.message}`).toBe(true);
      const value = structuredClone(parsed.data) as Record<string, unknown>;
      for (const path of version === 'v3' ? (pair.v4Only ?? []) : []) dropPath(value, path);
      expect(validate(value), `${mode}: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(value)}`).toBe(true);
    }
  });
});

describe('documented differences are real', () => {
  it('OpenClaw v3 refuses what only ours accepts, v4 accepts it', async () => {
    const [v3, v4] = await Promise.all([loadOpenClawSchemas('v3'), loadOpenClawSchemas('v4')]);
    const ajv = new Ajv({ strict: false });
    const frame = { type: 'req', id: '1', method: 'health', traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' };
    expect(protocol.RequestFrameSchema.safeParse(frame).success).toBe(true);
    expect(ajv.compile(v3['RequestFrame'] as JsonSchema)(frame)).toBe(false);
    expect(ajv.compile(v4['RequestFrame'] as JsonSchema)(frame)).toBe(true);
  });

  it('a captured OpenClaw v4 hello-ok is valid for both OpenClaw v4 and us', async () => {
    const { loadV4Capture } = await import('../__fixtures__/load-fixture.js');
    const hello = (loadV4Capture()['helloOk'] as { payload: unknown }).payload;
    const v4 = await loadOpenClawSchemas('v4');
    expect(new Ajv({ strict: false }).compile(v4['HelloOk'] as JsonSchema)(hello)).toBe(true);
    expect(protocol.HelloOkV4Schema.safeParse(hello).success).toBe(true);
  });
});
