import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { readOrCreateSecretFile, type StoredSecret } from '../credentials/read-or-create-secret-file.js';

/** Where a generated gateway token lives; the CLI reads the same file (mode 0600). */
export function gatewayTokenFile(stateDir: string): string {
  return join(stateDir, 'credentials', 'gateway-token');
}

export type StoredGatewayToken = StoredSecret;

/** The gateway token generated once per state dir: 32 random bytes, base64url, in `<stateDir>/credentials/gateway-token`. */
export function readOrCreateGatewayToken(stateDir: string): Promise<StoredGatewayToken> {
  return readOrCreateSecretFile(gatewayTokenFile(stateDir), () => randomBytes(32).toString('base64url'));
}
