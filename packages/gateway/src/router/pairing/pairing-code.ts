import { createHash, randomInt } from 'node:crypto';

/** OpenClaw's pairing codes: 8 characters, uppercase, without the look-alikes 0 O 1 I. */
export const PAIRING_CODE_LENGTH = 8;
export const PAIRING_CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A fresh code not in `taken` (crypto-random: the code is the only secret between sender and owner). */
export function generatePairingCode(taken: ReadonlySet<string>): string {
  for (let attempt = 0; attempt < 500; attempt++) {
    let code = '';
    for (let i = 0; i < PAIRING_CODE_LENGTH; i++) code += PAIRING_CODE_ALPHABET[randomInt(0, PAIRING_CODE_ALPHABET.length)];
    if (!taken.has(code)) return code;
  }
  throw new Error(`could not find a free pairing code among ${taken.size} pending ones`);
}

/**
 * OpenClaw 2026.9.6's opaque request id (`channels.pairing.*`): a hash of channel, account, sender and creation
 * time, so a UI can approve without ever showing the human code.
 */
export function pairingRequestId(channel: string, accountId: string, senderId: string, createdAt: string): string {
  return createHash('sha256').update(`${channel}\0${accountId}\0${senderId}\0${createdAt}`).digest('base64url').slice(0, 32);
}
