import { z } from 'zod';

/**
 * The parts of a gateway MESSAGE_CREATE the channel relies on (Discord API v10 field names). Checked before use,
 * so a malformed event is logged and skipped instead of throwing somewhere deeper; extra fields are ignored.
 */
const Snowflake = z.string().regex(/^\d{1,20}$/, 'a Discord id (snowflake) is a string of digits');

const UserSchema = z.looseObject({
  id: Snowflake,
  username: z.string().optional(),
  global_name: z.string().nullish(),
  bot: z.boolean().optional(),
});

const AttachmentSchema = z.looseObject({
  id: Snowflake,
  filename: z.string(),
  size: z.number().int().nonnegative().optional(),
  url: z.string(),
  content_type: z.string().optional(),
});

export const DiscordMessageSchema = z.looseObject({
  id: Snowflake,
  channel_id: Snowflake,
  guild_id: Snowflake.optional(),
  author: UserSchema,
  member: z.looseObject({ roles: z.array(Snowflake).optional(), nick: z.string().nullish() }).optional(),
  content: z.string().default(''),
  timestamp: z.string(),
  type: z.number().int().default(0),
  flags: z.number().int().optional(),
  mentions: z.array(UserSchema).default([]),
  mention_roles: z.array(Snowflake).default([]),
  mention_everyone: z.boolean().optional(),
  attachments: z.array(AttachmentSchema).default([]),
  message_reference: z.looseObject({ message_id: Snowflake.optional(), channel_id: Snowflake.optional() }).optional(),
  referenced_message: z.looseObject({ id: Snowflake, author: UserSchema.optional() }).nullish(),
  webhook_id: Snowflake.optional(),
});

export type DiscordMessage = z.output<typeof DiscordMessageSchema>;
export type DiscordAttachmentPayload = DiscordMessage['attachments'][number];

/** Message types that carry something a person wrote: DEFAULT (0) and REPLY (19). Joins, pins, boosts… are skipped. */
export const USER_MESSAGE_TYPES: ReadonlySet<number> = new Set([0, 19]);

/** Discord's IS_VOICE_MESSAGE message flag (1 << 13). */
export const VOICE_MESSAGE_FLAG = 1 << 13;
