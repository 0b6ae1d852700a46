import { z } from 'zod';

/** OpenClaw's SecretRef shape. Resolving it is the config loader's job (see `createSlackConfigSchema`). */
export const slackSecretRefSchema = z.strictObject({
  source: z.enum(['env', 'file', 'exec']),
  provider: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/),
  id: z.string().min(1),
});
export type SlackSecretRef = z.infer<typeof slackSecretRefSchema>;

/** A token or secret as written in the config: a literal (possibly from `${ENV}`) or an unresolved SecretRef. */
export type SlackSecretInput = string | SlackSecretRef;

const defaultSecretInput = z.union([z.string(), slackSecretRefSchema]);
const idList = z.array(z.union([z.string(), z.number()]));
const dmPolicy = z.enum(['pairing', 'allowlist', 'open', 'disabled']);
/** A key OpenClaw knows and Rusty Claw does not implement yet: accepted (any shape) and listed by `unsupportedKeys`. */
const notImplemented = z.unknown().optional();

const channelEntrySchema = z.strictObject({
  enabled: z.boolean().optional(),
  requireMention: z.boolean().optional(),
  users: idList.optional(),
  allowBots: z.boolean().optional(),
  tools: notImplemented,
  toolsBySender: notImplemented,
  skills: notImplemented,
  systemPrompt: notImplemented,
});

function accountShape(secretInput: z.ZodType<SlackSecretInput>) {
  return {
    name: z.string().optional(),
    enabled: z.boolean().optional(),
    /** `socket` (Socket Mode over an app-level token, the default) or `http` (Events API on the gateway's port). */
    mode: z.enum(['socket', 'http']).optional(),
    socketMode: z
      .strictObject({
        clientPingTimeout: z.number().int().positive().optional(),
        serverPingTimeout: z.number().int().positive().optional(),
        pingPongLoggingEnabled: z.boolean().optional(),
      })
      .optional(),
    botToken: secretInput.optional(),
    appToken: secretInput.optional(),
    signingSecret: secretInput.optional(),
    webhookPath: z.string().startsWith('/').optional(),
    /**
     * Rusty Claw extension (not an OpenClaw key): the Web API base URL, default `https://slack.com/api/`. Socket Mode's
     * `apps.connections.open` goes there too, and file downloads may use its origin. For a proxy, or the fake.
     */
    apiRoot: z.url({ protocol: /^https?$/ }).optional(),
    allowBots: z.boolean().optional(),
    requireMention: z.boolean().optional(),
    dmPolicy: dmPolicy.optional(),
    allowFrom: idList.optional(),
    groupPolicy: z.enum(['open', 'disabled', 'allowlist']).optional(),
    dm: z
      .strictObject({
        enabled: z.boolean().optional(),
        policy: dmPolicy.optional(),
        allowFrom: idList.optional(),
        groupEnabled: notImplemented,
        groupChannels: notImplemented,
        replyToMode: notImplemented,
      })
      .optional(),
    channels: z.record(z.string(), channelEntrySchema).optional(),
    textChunkLimit: z.number().int().positive().optional(),
    mediaMaxMb: z.number().positive().optional(),
    typingReaction: z.string().min(1).optional(),
    // OpenClaw keys not implemented yet (listed by unsupportedKeys):
    userToken: notImplemented,
    userTokenReadOnly: notImplemented,
    capabilities: notImplemented,
    execApprovals: notImplemented,
    markdown: notImplemented,
    commands: notImplemented,
    configWrites: notImplemented,
    dangerouslyAllowNameMatching: notImplemented,
    contextVisibility: notImplemented,
    historyLimit: notImplemented,
    dmHistoryLimit: notImplemented,
    dms: notImplemented,
    streaming: notImplemented,
    reactionNotifications: notImplemented,
    reactionAllowlist: notImplemented,
    replyToMode: notImplemented,
    replyToModeByChatType: notImplemented,
    thread: notImplemented,
    actions: notImplemented,
    slashCommand: notImplemented,
    defaultTo: notImplemented,
    heartbeat: notImplemented,
    healthMonitor: notImplemented,
    responsePrefix: notImplemented,
    ackReaction: notImplemented,
  };
}

export interface CreateSlackConfigSchemaOptions {
  /**
   * Schema of token/secret fields. The default accepts a string or an (unresolved) SecretRef; the gateway passes
   * core's `SecretInputSchema` so env SecretRefs are resolved while the config is validated.
   */
  secretInput?: z.ZodType<SlackSecretInput>;
}

/** Builds the schema of `channels.slack` (OpenClaw's key names and shapes; unknown keys are errors). */
export function createSlackConfigSchema(options: CreateSlackConfigSchemaOptions = {}) {
  const shape = accountShape(options.secretInput ?? defaultSecretInput);
  const account = z.strictObject(shape);
  return z.strictObject({
    ...shape,
    mode: shape.mode.default('socket'),
    webhookPath: shape.webhookPath.default('/slack/events'),
    groupPolicy: shape.groupPolicy.default('allowlist'),
    defaultAccount: z.string().optional(),
    accounts: z.record(z.string(), account).optional(),
  });
}

/** `channels.slack.accounts.<id>`: every top-level key except `accounts`/`defaultAccount`, all optional (inherited). */
export const slackAccountConfigSchema = z.strictObject(accountShape(defaultSecretInput));
export const slackConfigSchema = createSlackConfigSchema();

export type SlackConfig = z.infer<typeof slackConfigSchema>;
export type SlackConfigInput = z.input<typeof slackConfigSchema>;
/** One account's effective settings: the top level merged with `accounts.<id>` (see `resolveSlackAccounts`). */
export type SlackAccountConfig = z.infer<typeof slackAccountConfigSchema>;
