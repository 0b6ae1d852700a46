import { isIP } from 'node:net';
import { z } from 'zod';
import { BindingsSchema, DmScopeSchema } from './bindings-schema.js';
import { SecretInputSchema } from './secret-input.js';

// Key names and value shapes follow OpenClaw 2026.5.7's zod schema (src/config/zod-schema*.ts) so that an
// openclaw.json using only what Rusty Claw implements loads unchanged. Keys OpenClaw knows that Rusty Claw
// does not implement are listed in openclaw-known-keys.ts; they are split off before this strict schema runs.

/** An enum whose extra OpenClaw-only values get a message saying so instead of a bare "invalid option". */
function partialEnum<const T extends readonly [string, ...string[]]>(implemented: T, openclawOnly: readonly string[]) {
  const supported = implemented.map((value) => `"${value}"`).join(', ');
  return z.enum(implemented, {
    error: (issue) =>
      issue.code === 'invalid_value' && typeof issue.input === 'string' && openclawOnly.includes(issue.input)
        ? `"${issue.input}" is an OpenClaw value Rusty Claw does not implement yet (supported: ${supported})`
        : undefined,
  });
}

export const MODEL_APIS = [
  'openai-completions',
  'openai-responses',
  'openai-codex-responses',
  'anthropic-messages',
  'google-generative-ai',
  'github-copilot',
  'bedrock-converse-stream',
  'ollama',
  'azure-openai-responses',
] as const;

const RateLimitSchema = z.strictObject({
  maxAttempts: z.number().int().positive().default(10),
  windowMs: z.number().int().positive().default(60_000),
  lockoutMs: z.number().int().nonnegative().default(300_000),
  // OpenClaw's createAuthRateLimiter defaults this to true so a local CLI is never locked out.
  exemptLoopback: z.boolean().default(true),
});

const GatewayAuthSchema = z
  .strictObject({
    mode: partialEnum(['none', 'token', 'password'], ['trusted-proxy']).optional(),
    token: SecretInputSchema.optional(),
    password: SecretInputSchema.optional(),
    rateLimit: RateLimitSchema.prefault({}),
  })
  // OpenClaw's resolveGatewayAuth: an explicit mode wins, else password when one is set, else token.
  .transform((auth) => ({ ...auth, mode: auth.mode ?? (auth.password !== undefined ? 'password' : 'token') }));

const GatewaySchema = z
  .strictObject({
    port: z.number().int().min(1).max(65_535).default(18_789),
    mode: z.enum(['local', 'remote']).default('local'),
    bind: partialEnum(['loopback', 'lan', 'custom'], ['auto', 'tailnet']).default('loopback'),
    customBindHost: z.string().optional(),
    controlUi: z
      .strictObject({
        enabled: z.boolean().optional(),
        basePath: z.string().optional(),
        allowedOrigins: z.array(z.string()).optional(),
      })
      .optional(),
    auth: GatewayAuthSchema.prefault({}),
    handshakeTimeoutMs: z.number().int().min(1).optional(),
    remote: z
      .strictObject({
        url: z.string().optional(),
        token: SecretInputSchema.optional(),
        password: SecretInputSchema.optional(),
      })
      .optional(),
  })
  .superRefine((gateway, ctx) => {
    if (gateway.bind !== 'custom') return;
    const host = gateway.customBindHost?.trim() ?? '';
    if (host === '') {
      ctx.addIssue({ code: 'custom', path: ['customBindHost'], message: 'gateway.bind="custom" requires gateway.customBindHost (an IP address)' });
    } else if (isIP(host) === 0) {
      ctx.addIssue({ code: 'custom', path: ['customBindHost'], message: 'expected an IP address literal', input: gateway.customBindHost });
    }
  });

const ModelDefinitionSchema = z.strictObject({
  id: z.string().min(1),
  name: z.string().min(1),
  reasoning: z.boolean().optional(),
  input: z.array(z.enum(['text', 'image', 'video', 'audio'])).optional(),
  contextWindow: z.number().positive().optional(),
  maxTokens: z.number().positive().optional(),
});

const ModelProviderSchema = z.strictObject({
  baseUrl: z.string().min(1),
  apiKey: SecretInputSchema.optional(),
  api: z.enum(MODEL_APIS).optional(),
  headers: z.record(z.string(), SecretInputSchema).optional(),
  models: z.array(ModelDefinitionSchema),
});

const ModelsSchema = z.strictObject({ providers: z.record(z.string(), ModelProviderSchema).optional() });

const AgentModelSchema = z.union([
  z.string(),
  z.strictObject({ primary: z.string().optional(), fallbacks: z.array(z.string()).optional() }),
]);

const ThinkingLevelSchema = z.enum(['off', 'minimal', 'low', 'medium', 'high', 'xhigh', 'adaptive', 'max']);

const AgentEntrySchema = z.strictObject({
  id: z.string(),
  name: z.string().optional(),
  default: z.boolean().optional(),
  workspace: z.string().optional(),
  model: AgentModelSchema.optional(),
});

const AgentsSchema = z.strictObject({
  defaults: z
    .strictObject({
      model: AgentModelSchema.optional(),
      workspace: z.string().optional(),
      thinkingDefault: ThinkingLevelSchema.optional(),
      timeoutSeconds: z.number().int().positive().optional(),
    })
    .optional(),
  list: z
    .array(AgentEntrySchema)
    .superRefine((list, ctx) => {
      const seen = new Map<string, number>();
      list.forEach((agent, index) => {
        const first = seen.get(agent.id);
        if (first === undefined) seen.set(agent.id, index);
        else ctx.addIssue({ code: 'custom', path: [index, 'id'], message: `duplicate agent id "${agent.id}" (also agents.list[${first}])`, input: agent.id });
      });
    })
    .optional(),
});

const SessionSchema = z.strictObject({
  dmScope: DmScopeSchema.optional(),
  mainKey: z.string().optional(),
  // Canonical peer id → the channel-qualified ids that are the same person (e.g. "telegram:123"), so per-peer
  // DM scopes give them one session. OpenClaw's shape: a record of string arrays.
  identityLinks: z.record(z.string(), z.array(z.string())).optional(),
});

const LoggingSchema = z.strictObject({
  level: z.enum(['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace']).optional(),
  file: z.string().optional(),
});

const MetaSchema = z.strictObject({
  lastTouchedVersion: z.string().optional(),
  // OpenClaw accepts an epoch-ms number and normalises it to an ISO string.
  lastTouchedAt: z
    .union([
      z.string(),
      z.number().transform((ms, ctx) => {
        const date = new Date(ms);
        if (Number.isNaN(date.getTime())) {
          ctx.addIssue({ code: 'custom', message: 'Invalid timestamp', input: ms });
          return z.NEVER;
        }
        return date.toISOString();
      }),
    ])
    .optional(),
});

/** One channel's settings before its adapter registers a schema: any object (the adapter validates it later). */
export const UnregisteredChannelSchema = z.looseObject({});

function rootShape(channels: z.ZodType<Record<string, Record<string, unknown>> | undefined>) {
  return {
    $schema: z.string().optional(),
    meta: MetaSchema.optional(),
    gateway: GatewaySchema.prefault({}),
    models: ModelsSchema.optional(),
    agents: AgentsSchema.optional(),
    bindings: BindingsSchema.optional(),
    channels,
    session: SessionSchema.optional(),
    logging: LoggingSchema.optional(),
  };
}

/** The strict config schema with no channel fragments registered (every `channels.<name>` is any object). */
export const RustyClawConfigSchema = z.strictObject(rootShape(z.record(z.string(), UnregisteredChannelSchema).optional()));

/** The validated config with defaults applied (secrets resolved to strings). */
export type RustyClawConfig = z.output<typeof RustyClawConfigSchema>;
/** What may be written in the file for the parts Rusty Claw implements. */
export type RustyClawConfigInput = z.input<typeof RustyClawConfigSchema>;

/** Composes the root schema with per-channel fragments: `channels.<name>` is checked by its fragment. */
export function buildConfigSchema(channels: ReadonlyMap<string, z.ZodType>): typeof RustyClawConfigSchema {
  if (channels.size === 0) return RustyClawConfigSchema;
  const shape: Record<string, z.ZodType> = {};
  for (const [name, schema] of channels) shape[name] = schema.optional();
  const channelsSchema = z.object(shape).catchall(UnregisteredChannelSchema).optional();
  // The fragments refine what sits under channels.<name>; the static type stays the general record.
  return z.strictObject(rootShape(channelsSchema as unknown as z.ZodType<Record<string, Record<string, unknown>> | undefined>)) as unknown as typeof RustyClawConfigSchema;
}
