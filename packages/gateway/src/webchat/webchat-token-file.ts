import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecretFile } from '../credentials/read-or-create-secret-file.js';

/** Where the generated web chat token lives (beside the gateway token, same rules). */
export function webchatTokenFile(stateDir: string): string {
  return join(stateDir, 'credentials', 'webchat-token');
}

/**
 * The web chat token generated once per state dir: 32 random bytes, base64url, prefixed `wct_` so that a leaked one
 * is recognisable as the (low-privilege) web chat token. Same file rules as the gateway token.
 */
export async function readOrCreateWebchatToken(stateDir: string): Promise<{ token: string; file: string; created: boolean }> {
  const { token, file, created } = await readOrCreateSecretFile(webchatTokenFile(stateDir), () => `wct_${randomBytes(32).toString('base64url')}`);
  return { token, file, created };
}
