import { z } from 'zod';
import { NonEmptyString, NonEmptyStringArray, NonNegativeInt } from './primitives.js';

// One connected client (or the gateway itself, `mode:"gateway"`, `reason:"self"`) as shown in
// `system-presence`, `presence` events and the hello-ok snapshot. Strict in both versions: Swift
// clients fail to decode an entry with an unknown key.

const presenceEntryShape = {
  host: NonEmptyString.optional(),
  ip: NonEmptyString.optional(),
  version: NonEmptyString.optional(),
  platform: NonEmptyString.optional(),
  deviceFamily: NonEmptyString.optional(),
  modelIdentifier: NonEmptyString.optional(),
  mode: NonEmptyString.optional(),
  lastInputSeconds: NonNegativeInt.optional(),
  reason: NonEmptyString.optional(),
  tags: NonEmptyStringArray.optional(),
  text: z.string().optional(),
  ts: NonNegativeInt,
  deviceId: NonEmptyString.optional(),
  roles: NonEmptyStringArray.optional(),
  scopes: NonEmptyStringArray.optional(),
  instanceId: NonEmptyString.optional(),
};

/** v3 PresenceEntry: only `ts` is required. */
export const PresenceEntrySchema = z.strictObject(presenceEntryShape);
export type PresenceEntry = z.infer<typeof PresenceEntrySchema>;

/** The signed-in user a v4 presence entry may name. */
const PresenceUserSchema = z.strictObject({
  id: NonEmptyString,
  identity: z.strictObject({ type: z.literal('profile'), id: NonEmptyString }).optional(),
  email: NonEmptyString.optional(),
  name: NonEmptyString.optional(),
  avatarUrl: NonEmptyString.optional(),
});

/** v4 PresenceEntry: v3's fields plus `clientId`, `timeZone`, `onlineSince`, `lastActivityAt`, `user`, `watchedSessions`. */
export const PresenceEntryV4Schema = z.strictObject({
  ...presenceEntryShape,
  clientId: NonEmptyString.optional(),
  timeZone: NonEmptyString.optional(),
  onlineSince: NonNegativeInt.optional(),
  lastActivityAt: NonNegativeInt.optional(),
  user: PresenceUserSchema.optional(),
  watchedSessions: NonEmptyStringArray.optional(),
});
export type PresenceEntryV4 = z.infer<typeof PresenceEntryV4Schema>;
