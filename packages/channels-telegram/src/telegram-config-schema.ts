import { z } from 'zod';

/**
 * `channels.telegram` with OpenClaw's key names (2026.5.7 `openclaw.plugin.json`). Keys Rusty Claw implements are
 * typed; the rest of OpenClaw's keys are accepted as-is (so an OpenClaw config loads) and reported by
 * `unsupportedKeys`; any other key is an error (strict objects).
 */

/** OpenClaw SecretRef (`{source, provider, id}`); the composition root may pass a resolving schema instead. */
const SecretRefShape = z.strictObject({
  source: z.enum(['env', 'file', 'exec']),
  provider: z.string().regex(/^[a-z][a-z0-9_-]{0,63}$/),
  id: z.string().min(1),
});
export type TelegramSecretRef = z.infer<typeof SecretRefShape>;
export type TelegramSecretInput = string | TelegramSecretRef;

const defaultSecretInput = z.union([z.string(), SecretRefShape]);

/** OpenClaw keys accepted but not implemented yet, per level. */
export const TELEGRAM_UNSUPPORTED_ACCOUNT_KEYS = [
  'capabilities', 'execApprovals', 'markdown', 'commands', 'customCommands', 'configWrites', 'replyToMode', 'dm',
  'defaultTo', 'contextVisibility', 'historyLimit', 'dmHistoryLimit', 'dms', 'direct', 'streaming', 'mediaGroupFlushMs',
  'pollingStallThresholdMs', 'retry', 'network', 'proxy', 'webhookCertPath', 'actions', 'threadBindings',
  'reactionNotifications', 'reactionLevel', 'heartbeat', 'healthMonitor', 'silentErrorReplies', 'responsePrefix',
  'ackReaction', 'errorPolicy', 'errorCooldownMs', 'trustedLocalFileRoots', 'autoTopicLabel',
] as const;
export const TELEGRAM_UNSUPPORTED_GROUP_KEYS = ['ingest', 'disableAudioPreflight', 'tools', 'toolsBySender', 'skills', 'systemPrompt', 'errorPolicy', 'errorCooldownMs'] as const;
export const TELEGRAM_UNSUPPORTED_TOPIC_KEYS = ['ingest', 'disableAudioPreflight', 'skills', 'systemPrompt', 'agentId', 'errorPolicy', 'errorCooldownMs'] as const;

const accepted = <KEYS extends readonly string[]>(keys: KEYS) =>
  Object.fromEntries(keys.map((key) => [key, z.unknown().optional()])) as { [K in KEYS[number]]: z.ZodOptional<z.ZodUnknown> };

const idList = z.array(z.union([z.string(), z.number()]));
const policy = z.enum(['open', 'disabled', 'allowlist']);
const dmPolicy = z.enum(['pairing', 'allowlist', 'open', 'disabled']);

const topicSchema = z.strictObject({
  requireMention: z.boolean().optional(),
  groupPolicy: policy.optional(),
  enabled: z.boolean().optional(),
  allowFrom: idList.optional(),
  ...accepted(TELEGRAM_UNSUPPORTED_TOPIC_KEYS),
});

const groupSchema = z.strictObject({
  requireMention: z.boolean().optional(),
  groupPolicy: policy.optional(),
  enabled: z.boolean().optional(),
  allowFrom: idList.optional(),
  topics: z.record(z.string(), topicSchema).optional(),
  ...accepted(TELEGRAM_UNSUPPORTED_GROUP_KEYS),
});

function accountShape(secretInput: z.ZodType<TelegramSecretInput>) {
  // No defaults here: an account that leaves a key unset inherits the top level's value (defaults apply there).
  return {
    name: z.string().optional(),
    enabled: z.boolean().optional(),
    botToken: secretInput.optional(),
    tokenFile: z.string().min(1).optional(),
    apiRoot: z
      .url({ protocol: /^https?$/ })
      .refine((value) => !/\/bot[^/]*$/.test(value.replace(/\/+$/, '')), 'apiRoot must be the Bot API root only, without /bot<TOKEN>')
      .optional(),
    dmPolicy: dmPolicy.optional(),
    allowFrom: idList.optional(),
    groupAllowFrom: idList.optional(),
    groupPolicy: policy.optional(),
    groups: z.record(z.string(), groupSchema).optional(),
    webhookUrl: z.url({ protocol: /^https?$/ }).optional(),
    webhookSecret: secretInput.optional(),
    webhookPath: z.string().startsWith('/').optional(),
    webhookHost: z.string().min(1).optional(),
    webhookPort: z.int().min(0).max(65535).optional(),
    textChunkLimit: z.int().positive().optional(),
    linkPreview: z.boolean().optional(),
    mediaMaxMb: z.number().positive().optional(),
    timeoutSeconds: z.int().positive().optional(),
    ...accepted(TELEGRAM_UNSUPPORTED_ACCOUNT_KEYS),
  };
}

const WEBHOOK_SECRET = /^[A-Za-z0-9_-]{1,256}$/;

function checkWebhook(value: { webhookUrl?: string | undefined; webhookSecret?: TelegramSecretInput | undefined }, ctx: z.RefinementCtx): void {
  if (value.webhookUrl !== undefined && value.webhookSecret === undefined) {
    ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: 'webhookUrl requires webhookSecret (Telegram sends it back in X-Telegram-Bot-Api-Secret-Token)' });
  }
  if (typeof value.webhookSecret === 'string' && !value.webhookSecret.startsWith('${') && !WEBHOOK_SECRET.test(value.webhookSecret)) {
    ctx.addIssue({ code: 'custom', path: ['webhookSecret'], message: 'webhookSecret must be 1-256 characters of A-Z, a-z, 0-9, _ and - (Telegram secret_token rules)' });
  }
}

/**
 * Builds the schema. `secretInput` lets the composition root pass its resolving SecretInput schema (env refs become
 * strings at validation); by default SecretRefs are kept and env refs are resolved when the channel starts.
 */
export function createTelegramConfigSchema(options: { secretInput?: z.ZodType<TelegramSecretInput> } = {}) {
  const shape = accountShape(options.secretInput ?? defaultSecretInput);
  const account = z.strictObject(shape).superRefine(checkWebhook);
  return z
    .strictObject({
      ...shape,
      dmPolicy: dmPolicy.default('pairing'),
      groupPolicy: policy.default('allowlist'),
      accounts: z.record(z.string(), account).optional(),
      defaultAccount: z.string().optional(),
    })
    .superRefine(checkWebhook);
}

export const telegramConfigSchema = createTelegramConfigSchema();
export type TelegramConfig = z.output<typeof telegramConfigSchema>;
export type TelegramConfigInput = z.input<typeof telegramConfigSchema>;
/** One account's settings (the top level minus `accounts`/`defaultAccount`, merged — see resolveTelegramAccounts). */
export type TelegramAccountConfig = Omit<TelegramConfig, 'accounts' | 'defaultAccount'>;
/** An entry of `accounts` as written (unset keys inherit the top level). */
export type TelegramAccountOverride = NonNullable<TelegramConfig['accounts']>[string];
export type TelegramGroupConfig = z.output<typeof groupSchema>;

/** Top-level OpenClaw keys this package accepts without implementing (for core's `openclawOnlyKeys`). */
export const telegramOpenclawOnlyKeys: readonly string[] = TELEGRAM_UNSUPPORTED_ACCOUNT_KEYS;

/** Dotted paths (relative to `channels.telegram`) of keys that are set but not implemented by Rusty Claw yet. */
export function unsupportedKeys(config: unknown): string[] {
  const found: string[] = [];
  const visitAccount = (value: unknown, prefix: string) => {
    const record = asRecord(value);
    if (!record) return;
    for (const key of TELEGRAM_UNSUPPORTED_ACCOUNT_KEYS) if (record[key] !== undefined) found.push(`${prefix}${key}`);
    for (const [groupId, group] of Object.entries(asRecord(record['groups']) ?? {})) {
      const groupRecord = asRecord(group) ?? {};
      for (const key of TELEGRAM_UNSUPPORTED_GROUP_KEYS) if (groupRecord[key] !== undefined) found.push(`${prefix}groups.${groupId}.${key}`);
      for (const [topicId, topic] of Object.entries(asRecord(groupRecord['topics']) ?? {})) {
        const topicRecord = asRecord(topic) ?? {};
        for (const key of TELEGRAM_UNSUPPORTED_TOPIC_KEYS) if (topicRecord[key] !== undefined) found.push(`${prefix}groups.${groupId}.topics.${topicId}.${key}`);
      }
    }
  };
  visitAccount(config, '');
  for (const [accountId, account] of Object.entries(asRecord(asRecord(config)?.['accounts']) ?? {})) visitAccount(account, `accounts.${accountId}.`);
  return found;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}
