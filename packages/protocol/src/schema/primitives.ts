import { z } from 'zod';

// Building blocks shared by the wire schemas. OpenClaw's TypeBox schemas use `NonEmptyString`
// (minLength 1) and non-negative integers everywhere; keeping one definition each means a change
// in strictness happens in one place.

/** A string of length ≥ 1 (OpenClaw's `NonEmptyString`). */
export const NonEmptyString = z.string().min(1);

/** An integer ≥ 0 (timestamps in ms, counters, sizes). */
export const NonNegativeInt = z.int().min(0);

/** An integer ≥ 1 (protocol versions, policy limits). */
export const PositiveInt = z.int().min(1);

/** Any JSON value. Keys typed with it are still required unless marked `.optional()`. */
export const AnyJson = z.unknown();

/** `string[]` whose items are non-empty (scopes, caps, roles, tags). */
export const NonEmptyStringArray = z.array(NonEmptyString);
