import { z } from 'zod';
import { NonEmptyString, NonNegativeInt } from '../primitives.js';

// DM pairing over the gateway: `channels.pairing.list|approve|dismiss` (OpenClaw 2026.9.6's names and shapes,
// scope operator.pairing). OpenClaw 2026.5.7's CLI edited the pairing files directly; Rusty Claw's CLI goes through
// these methods, so it also accepts the human pairing `code` where OpenClaw 2026.9.6 takes only the opaque
// `requestId`, and lists the code (the caller can approve anyway, so it learns nothing more).

/** `channels.pairing.list {channel?, accountId?}`. */
export const ChannelsPairingListParamsSchema = z.strictObject({
  channel: NonEmptyString.optional(),
  accountId: NonEmptyString.optional(),
});
export type ChannelsPairingListParams = z.infer<typeof ChannelsPairingListParamsSchema>;

/** An account whose `dmPolicy` is `pairing`. */
export const ChannelPairingAccountSchema = z.looseObject({
  channel: NonEmptyString,
  channelLabel: NonEmptyString,
  accountId: NonEmptyString,
  accountLabel: NonEmptyString.optional(),
  notifySupported: z.boolean(),
});
export type ChannelPairingAccount = z.infer<typeof ChannelPairingAccountSchema>;

/** One pending DM access request. `code` is Rusty Claw's addition (what the sender was told). */
export const ChannelPairingRequestSchema = z.looseObject({
  requestId: NonEmptyString,
  channel: NonEmptyString,
  channelLabel: NonEmptyString,
  accountId: NonEmptyString,
  accountLabel: NonEmptyString.optional(),
  senderId: NonEmptyString,
  senderLabel: NonEmptyString,
  metadata: z.record(z.string(), z.string()).optional(),
  createdAt: NonEmptyString,
  lastSeenAt: NonEmptyString,
  expiresAt: NonEmptyString,
  notifySupported: z.boolean(),
  code: NonEmptyString.optional(),
});
export type ChannelPairingRequest = z.infer<typeof ChannelPairingRequestSchema>;

export const ChannelsPairingListResultSchema = z.looseObject({
  accounts: z.array(ChannelPairingAccountSchema),
  requests: z.array(ChannelPairingRequestSchema),
  commandOwnerConfigured: z.boolean(),
  limits: z.looseObject({ pendingPerAccount: NonNegativeInt, ttlMs: NonNegativeInt }),
});
export type ChannelsPairingListResult = z.infer<typeof ChannelsPairingListResultSchema>;

const requestRef = {
  channel: NonEmptyString,
  accountId: NonEmptyString.optional(),
  /** The opaque id from `channels.pairing.list` (OpenClaw 2026.9.6). */
  requestId: NonEmptyString.optional(),
  /** The 8-character code the sender received (OpenClaw's `pairing approve <channel> <code>`). */
  code: NonEmptyString.optional(),
};
const oneRef = (value: { requestId?: string | undefined; code?: string | undefined }) => (value.requestId === undefined) !== (value.code === undefined);
const oneRefMessage = { message: 'exactly one of requestId or code is required' };

/** `channels.pairing.approve {channel, accountId?, requestId | code, notify?, bootstrapCommandOwner?}`. */
export const ChannelsPairingApproveParamsSchema = z
  .strictObject({ ...requestRef, notify: z.boolean().optional(), bootstrapCommandOwner: z.boolean().optional() })
  .refine(oneRef, oneRefMessage);
export type ChannelsPairingApproveParams = z.infer<typeof ChannelsPairingApproveParamsSchema>;

export const ChannelsPairingApproveResultSchema = z.looseObject({
  requestId: NonEmptyString,
  senderId: NonEmptyString,
  notification: z.enum(['not-requested', 'sent', 'unsupported', 'failed']),
  commandOwnerBootstrap: z.enum(['not-requested', 'configured', 'already-configured', 'unavailable']),
});
export type ChannelsPairingApproveResult = z.infer<typeof ChannelsPairingApproveResultSchema>;

/** `channels.pairing.dismiss {channel, accountId?, requestId | code}`: drops the request without blocking the sender. */
export const ChannelsPairingDismissParamsSchema = z.strictObject(requestRef).refine(oneRef, oneRefMessage);
export type ChannelsPairingDismissParams = z.infer<typeof ChannelsPairingDismissParamsSchema>;

export const ChannelsPairingDismissResultSchema = z.looseObject({ requestId: NonEmptyString, senderId: NonEmptyString });
export type ChannelsPairingDismissResult = z.infer<typeof ChannelsPairingDismissResultSchema>;
