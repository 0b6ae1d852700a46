import { createHash } from 'node:crypto';

/** sha256 hex of the raw file text (missing file: of ""): the `hash` clients send back as `baseHash`. */
export function hashConfigRaw(raw: string | null | undefined): string {
  return createHash('sha256').update(raw ?? '').digest('hex');
}
