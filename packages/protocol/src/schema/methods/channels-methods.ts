import { z } from 'zod';
import { NonEmptyString, NonNegativeInt } from '../primitives.js';

// `channels.status`, `channels.start`, `channels.stop`, `channels.logout` (OpenClaw 2026.5.7,
// src/gateway/protocol/schema/channels.ts) and Rusty Claw's `channels.login` (the inverse of logout).
// Params are strict as in OpenClaw; results are open objects with OpenClaw's keys.

/** Method names of the channel runtime, one spelling for the gateway and its clients. */
export const ChannelMethodNames = {
  ChannelsStatus: 'channels.status',
  ChannelsStart: 'channels.start',
  ChannelsStop: 'channels.stop',
  ChannelsLogout: 'channels.logout',
  ChannelsLogin: 'channels.login',
  ChannelsPairingList: 'channels.pairing.list',
  ChannelsPairingApprove: 'channels.pairing.approve',
  ChannelsPairingDismiss: 'channels.pairing.dismiss',
} as const;
export type ChannelMethodName = (typeof ChannelMethodNames)[keyof typeof ChannelMethodNames];

/** `channels.status {probe?, timeoutMs?}`: `probe` actively checks each account (e.g. Telegram `getMe`). */
export const ChannelsStatusParamsSchema = z.strictObject({
  probe: z.boolean().optional(),
  timeoutMs: NonNegativeInt.optional(),
});
export type ChannelsStatusParams = z.infer<typeof ChannelsStatusParamsSchema>;

/**
 * One account of one channel, as `channels.status` reports it (OpenClaw's ChannelAccountSnapshot, open).
 * `connected` is true only while the transport is known to work. `reconnectCount` is Rusty Claw's name for
 * OpenClaw's `reconnectAttempts`; both are sent.
 */
export const ChannelAccountSnapshotSchema = z.looseObject({
  accountId: NonEmptyString,
  name: z.string().optional(),
  enabled: z.boolean().optional(),
  configured: z.boolean().optional(),
  linked: z.boolean().optional(),
  running: z.boolean().optional(),
  connected: z.boolean().optional(),
  reconnectAttempts: NonNegativeInt.optional(),
  reconnectCount: NonNegativeInt.optional(),
  lastConnectedAt: NonNegativeInt.optional(),
  lastError: z.string().optional(),
  lastErrorAt: NonNegativeInt.optional(),
  healthState: z.string().optional(),
  lastStartAt: NonNegativeInt.optional(),
  lastStopAt: NonNegativeInt.optional(),
  lastInboundAt: NonNegativeInt.optional(),
  lastOutboundAt: NonNegativeInt.optional(),
  busy: z.boolean().optional(),
  activeRuns: NonNegativeInt.optional(),
  lastProbeAt: NonNegativeInt.optional(),
  mode: z.string().optional(),
  dmPolicy: z.string().optional(),
  allowFrom: z.array(z.string()).optional(),
  probe: z.unknown().optional(),
});
export type ChannelAccountSnapshot = z.infer<typeof ChannelAccountSnapshotSchema>;

/** A channel's label, detail label and system image (OpenClaw's ChannelUiMeta). */
export const ChannelUiMetaSchema = z.strictObject({
  id: NonEmptyString,
  label: NonEmptyString,
  detailLabel: NonEmptyString,
  systemImage: z.string().optional(),
});
export type ChannelUiMeta = z.infer<typeof ChannelUiMetaSchema>;

/** `channels.status` result (OpenClaw's ChannelsStatusResult). `channels[id]` is the channel's summary. */
export const ChannelsStatusResultSchema = z.looseObject({
  ts: NonNegativeInt,
  channelOrder: z.array(NonEmptyString),
  channelLabels: z.record(z.string(), NonEmptyString),
  channelDetailLabels: z.record(z.string(), NonEmptyString).optional(),
  channelSystemImages: z.record(z.string(), NonEmptyString).optional(),
  channelMeta: z.array(ChannelUiMetaSchema).optional(),
  channels: z.record(z.string(), z.unknown()),
  channelAccounts: z.record(z.string(), z.array(ChannelAccountSnapshotSchema)),
  channelDefaultAccountId: z.record(z.string(), NonEmptyString),
  eventLoop: z.unknown().optional(),
});
export type ChannelsStatusResult = z.infer<typeof ChannelsStatusResultSchema>;

const channelAccountShape = { channel: NonEmptyString, accountId: z.string().optional() };

/** `{channel, accountId?}`: the params of `channels.start|stop|logout|login` (default account when omitted). */
export const ChannelAccountParamsSchema = z.strictObject(channelAccountShape);
export type ChannelAccountParams = z.infer<typeof ChannelAccountParamsSchema>;

// One schema object per method (not aliases), so each has its own definition in protocol.schema.json.
export const ChannelsStartParamsSchema = z.strictObject(channelAccountShape);
export type ChannelsStartParams = ChannelAccountParams;
export const ChannelsStopParamsSchema = z.strictObject(channelAccountShape);
export type ChannelsStopParams = ChannelAccountParams;
export const ChannelsLogoutParamsSchema = z.strictObject(channelAccountShape);
export type ChannelsLogoutParams = ChannelAccountParams;
export const ChannelsLoginParamsSchema = z.strictObject(channelAccountShape);
export type ChannelsLoginParams = ChannelAccountParams;

/** `channels.start` result: `started` is whether the account runs now. */
export const ChannelsStartResultSchema = z.looseObject({ channel: NonEmptyString, accountId: NonEmptyString, started: z.boolean() });
export type ChannelsStartResult = z.infer<typeof ChannelsStartResultSchema>;

/** `channels.stop` result: `stopped` is whether the account is stopped now. */
export const ChannelsStopResultSchema = z.looseObject({ channel: NonEmptyString, accountId: NonEmptyString, stopped: z.boolean() });
export type ChannelsStopResult = z.infer<typeof ChannelsStopResultSchema>;

/**
 * `channels.logout` result (OpenClaw: `{channel, accountId, cleared, loggedOut?}`). Rusty Claw stops the account
 * and keeps it stopped across restarts until `channels.login`; credentials stay in the config (`cleared: false`).
 */
export const ChannelsLogoutResultSchema = z.looseObject({
  channel: NonEmptyString,
  accountId: NonEmptyString,
  cleared: z.boolean(),
  loggedOut: z.boolean().optional(),
});
export type ChannelsLogoutResult = z.infer<typeof ChannelsLogoutResultSchema>;

/** `channels.login` result: the logged-out mark is cleared and the account started. */
export const ChannelsLoginResultSchema = z.looseObject({
  channel: NonEmptyString,
  accountId: NonEmptyString,
  loggedOut: z.literal(false),
  started: z.boolean(),
});
export type ChannelsLoginResult = z.infer<typeof ChannelsLoginResultSchema>;
