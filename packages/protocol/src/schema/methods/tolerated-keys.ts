import { z } from 'zod';

/**
 * Params keys a newer OpenClaw client (2026.9.6, protocol v4) may send that Rusty Claw accepts but does not act on.
 * Params objects stay strict — an unknown key is still `INVALID_REQUEST`, as OpenClaw answers — but these known
 * v4 keys must not make a v4 client's call fail. Each becomes an optional key of any JSON value.
 */
export function toleratedKeys<const K extends readonly string[]>(keys: K): { [P in K[number]]: z.ZodOptional<z.ZodUnknown> } {
  return Object.fromEntries(keys.map((key) => [key, z.unknown().optional()])) as { [P in K[number]]: z.ZodOptional<z.ZodUnknown> };
}
