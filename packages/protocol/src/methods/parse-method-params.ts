import type { z } from 'zod';

/**
 * Validates a request's `params` with a method's params schema. An absent `params` means `{}`:
 * OpenClaw's CLI sends `health`, `status` and `system-presence` with no `params` key at all, and the
 * reference server hands `params ?? {}` to every handler.
 */
export function parseMethodParams<S extends z.ZodType>(schema: S, params: unknown): z.ZodSafeParseResult<z.output<S>> {
  return schema.safeParse(params ?? {});
}
