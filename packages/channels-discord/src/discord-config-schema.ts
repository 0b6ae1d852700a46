import { z } from 'zod';

/**
 * `channels.discord` with OpenClaw's key names (2026.5.7 `DiscordConfigSchema`): the same top level, the same
 * `accounts.<id>` entries. Keys this package implements are typed; keys OpenClaw knows but Rusty Claw does not
 * implement yet are accepted as-is and listed by `unsupportedKeys`; any other key is an error (strict objects).
 */

/** Discord ids may be written as numbers in hand-edited config; OpenClaw accepts safe integers and stores strings. */
const DiscordIdSchema = z.union([z.string(), z.number()]).transform((value, ctx) => {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value) || value < 0) {
      ctx.addIssue({ code: 'custom', message: `Discord ID "${String(value)}" is not a valid non-negative safe integer. Wrap it in quotes in your config file.` });
      return z.NEVER;
    }
    return String(value);
  }
  return value;
});
const DiscordIdListSchema = z.array(DiscordIdSchema);

export const DmPolicySchema = z.enum(['pairing', 'allowlist', 'open', 'disabled']);
export const GroupPolicySchema = z.enum(['open', 'disabled', 'allowlist']);

const SecretRefSchema = z.discriminatedUnion('source', [
  z.strictObject({ source: z.literal('env'), provider: z.string().min(1), id: z.string().min(1) }),
  z.strictObject({ source: z.literal('file'), provider: z.string().min(1), id: z.string().min(1) }),
  z.strictObject({ source: z.literal('exec'), provider: z.string().min(1), id: z.string().min(1) }),
]);
export type DiscordSecretRef = z.infer<typeof SecretRefSchema>;
export type DiscordSecretInput = string | DiscordSecretRef;
/**
 * A literal token or an unresolved OpenClaw SecretRef. The composition root passes core's resolving schema instead
 * (`createDiscordConfigSchema({ secretInput })`), so env refs are strings by the time the channel sees them.
 */
const defaultSecretInput = z.union([z.string(), SecretRefSchema]);

/** Accepted, not implemented: any value passes and `unsupportedKeys` reports the key. */
const unsupported = () => z.unknown().optional();

const DiscordGuildChannelSchema = z.strictObject({
  requireMention: z.boolean().optional(),
  ignoreOtherMentions: z.boolean().optional(),
  enabled: z.boolean().optional(),
  users: DiscordIdListSchema.optional(),
  roles: DiscordIdListSchema.optional(),
  tools: unsupported(),
  toolsBySender: unsupported(),
  skills: unsupported(),
  systemPrompt: unsupported(),
  includeThreadStarter: unsupported(),
  autoThread: unsupported(),
  autoThreadName: unsupported(),
  autoArchiveDuration: unsupported(),
});

const DiscordGuildSchema = z.strictObject({
  slug: z.string().optional(),
  requireMention: z.boolean().optional(),
  ignoreOtherMentions: z.boolean().optional(),
  users: DiscordIdListSchema.optional(),
  roles: DiscordIdListSchema.optional(),
  channels: z.record(z.string(), DiscordGuildChannelSchema.optional()).optional(),
  tools: unsupported(),
  toolsBySender: unsupported(),
  reactionNotifications: unsupported(),
});

const DiscordDmSchema = z.strictObject({
  enabled: z.boolean().optional(),
  policy: DmPolicySchema.optional(),
  allowFrom: DiscordIdListSchema.optional(),
  groupEnabled: z.boolean().optional(),
  groupChannels: DiscordIdListSchema.optional(),
});

/** Keys of one account whose values the channel (or the router) acts on. */
const supportedAccountShape = (secretInput: z.ZodType<DiscordSecretInput>) => ({
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  token: secretInput.optional(),
  /** Rusty Claw extension: Discord REST base (discord.js `rest.api`), e.g. a proxy or the fake server. */
  apiRoot: z.url().optional(),
  /** Rusty Claw extension: Discord CDN base (discord.js `rest.cdn`); attachment downloads are limited to it. */
  cdnRoot: z.url().optional(),
  allowBots: z.union([z.boolean(), z.literal('mentions')]).optional(),
  groupPolicy: GroupPolicySchema.optional(),
  dmPolicy: DmPolicySchema.optional(),
  allowFrom: DiscordIdListSchema.optional(),
  dm: DiscordDmSchema.optional(),
  guilds: z.record(z.string(), DiscordGuildSchema.optional()).optional(),
  /** How long a login may take to reach READY before it is retried (ms, at most 120000). */
  gatewayReadyTimeoutMs: z.number().int().positive().max(120_000).optional(),
  textChunkLimit: z.number().int().positive().optional(),
  maxLinesPerMessage: z.number().int().positive().optional(),
  mediaMaxMb: z.number().positive().optional(),
  markdown: z.strictObject({ tables: z.enum(['off', 'bullets', 'code', 'block']).optional() }).optional(),
  intents: z.strictObject({ presence: z.boolean().optional(), guildMembers: z.boolean().optional(), voiceStates: z.boolean().optional() }).optional(),
});

/** OpenClaw account keys accepted but not implemented by this package (see README). */
export const DISCORD_UNSUPPORTED_ACCOUNT_KEYS = [
  'capabilities', 'commands', 'configWrites', 'applicationId', 'proxy', 'gatewayInfoTimeoutMs', 'gatewayRuntimeReadyTimeoutMs', 'dangerouslyAllowNameMatching', 'mentionAliases', 'contextVisibility', 'historyLimit',
  'dmHistoryLimit', 'dms', 'streaming', 'retry', 'actions', 'replyToMode', 'thread', 'defaultTo', 'heartbeat',
  'healthMonitor', 'execApprovals', 'agentComponents', 'ui', 'slashCommand', 'threadBindings', 'voice', 'pluralkit',
  'responsePrefix', 'ackReaction', 'ackReactionScope', 'activity', 'status', 'autoPresence', 'activityType', 'activityUrl',
  'inboundWorker', 'eventQueue',
] as const;

const unsupportedAccountShape = Object.fromEntries(DISCORD_UNSUPPORTED_ACCOUNT_KEYS.map((key) => [key, unsupported()])) as Record<
  (typeof DISCORD_UNSUPPORTED_ACCOUNT_KEYS)[number],
  ReturnType<typeof unsupported>
>;

const accountShape = (secretInput: z.ZodType<DiscordSecretInput>) => ({ ...supportedAccountShape(secretInput), ...unsupportedAccountShape });

interface PolicyInput {
  dmPolicy?: z.infer<typeof DmPolicySchema> | undefined;
  allowFrom?: string[] | undefined;
  dm?: { policy?: z.infer<typeof DmPolicySchema> | undefined; allowFrom?: string[] | undefined } | undefined;
}

/** OpenClaw's rules: `open` needs `"*"` in allowFrom, `allowlist` needs at least one entry. */
function checkDmPolicy(policy: string, allowFrom: string[] | undefined, path: PropertyKey[], prefix: string, ctx: z.RefinementCtx): void {
  if (policy === 'open' && !allowFrom?.includes('*')) {
    ctx.addIssue({ code: 'custom', path, message: `${prefix}dmPolicy="open" requires allowFrom (or dm.allowFrom) to include "*"` });
  }
  if (policy === 'allowlist' && (allowFrom === undefined || allowFrom.length === 0)) {
    ctx.addIssue({ code: 'custom', path, message: `${prefix}dmPolicy="allowlist" requires allowFrom (or dm.allowFrom) to contain at least one sender ID` });
  }
}

/** One account (`channels.discord` itself, or an entry of `channels.discord.accounts`). */
export const discordAccountConfigSchema = z.strictObject(accountShape(defaultSecretInput)).superRefine((value, ctx) => {
  const policy = value.dmPolicy ?? value.dm?.policy ?? 'pairing';
  const allowFrom = value.allowFrom ?? value.dm?.allowFrom;
  checkDmPolicy(policy, allowFrom, value.allowFrom !== undefined ? ['allowFrom'] : ['dm', 'allowFrom'], '', ctx);
});

export interface CreateDiscordConfigSchemaOptions {
  /** Schema of `token` fields; the gateway passes core's `SecretInputSchema` so env SecretRefs resolve while validating. */
  secretInput?: z.ZodType<DiscordSecretInput>;
}

/** Builds the schema of the whole `channels.discord` section: the default account's keys plus `accounts` and `defaultAccount`. */
export function createDiscordConfigSchema(options: CreateDiscordConfigSchemaOptions = {}) {
  const shape = accountShape(options.secretInput ?? defaultSecretInput);
  return z
    .strictObject({
      ...shape,
      accounts: z.record(z.string(), z.strictObject(shape).optional()).optional(),
      defaultAccount: z.string().optional(),
    })
    .superRefine((value, ctx) => {
      const top = value as PolicyInput;
      const topPolicy = top.dmPolicy ?? top.dm?.policy;
      const topAllow = top.allowFrom ?? top.dm?.allowFrom;
      checkDmPolicy(topPolicy ?? 'pairing', topAllow, top.allowFrom !== undefined ? ['allowFrom'] : ['dm', 'allowFrom'], '', ctx);
      for (const [accountId, account] of Object.entries(value.accounts ?? {})) {
        if (!account) continue;
        const entry = account as PolicyInput;
        const policy = entry.dmPolicy ?? entry.dm?.policy ?? topPolicy ?? 'pairing';
        checkDmPolicy(policy, entry.allowFrom ?? entry.dm?.allowFrom ?? topAllow, ['accounts', accountId, 'allowFrom'], `accounts.${accountId}.`, ctx);
      }
    });
}

/** `channels.discord` with unresolved SecretRefs kept as objects (see `createDiscordConfigSchema`). */
export const discordConfigSchema = createDiscordConfigSchema();

export type DiscordAccountConfig = z.output<typeof discordAccountConfigSchema>;
export type DiscordConfig = z.output<typeof discordConfigSchema>;
export type DiscordConfigInput = z.input<typeof discordConfigSchema>;
export type DiscordGuildConfig = NonNullable<NonNullable<DiscordAccountConfig['guilds']>[string]>;
export type DiscordGuildChannelConfig = NonNullable<NonNullable<DiscordGuildConfig['channels']>[string]>;
export type DiscordDmPolicy = z.infer<typeof DmPolicySchema>;
export type DiscordGroupPolicy = z.infer<typeof GroupPolicySchema>;
