import { join } from 'node:path';

/**
 * OpenClaw's file names under `<stateDir>/credentials/` (src/pairing/allow-from-store-file.ts): pending requests in
 * `<channel>-pairing.json`, approved senders in `<channel>-allowFrom.json` (the default account's legacy file) and
 * `<channel>-<accountId>-allowFrom.json`. Keys are lowercased and stripped of path characters.
 */
export function safeFileKey(value: string, kind: string): string {
  const safe = value.trim().toLowerCase().replace(/[\\/:*?"<>|]/g, '_').replace(/\.\./g, '_');
  if (!safe || safe === '_') throw new TypeError(`invalid pairing ${kind}: ${JSON.stringify(value)}`);
  return safe;
}

export function credentialsDir(stateDir: string): string {
  return join(stateDir, 'credentials');
}

export function pairingRequestsFile(stateDir: string, channel: string): string {
  return join(credentialsDir(stateDir), `${safeFileKey(channel, 'channel')}-pairing.json`);
}

export function allowFromFile(stateDir: string, channel: string, accountId?: string): string {
  const base = safeFileKey(channel, 'channel');
  return join(credentialsDir(stateDir), accountId === undefined ? `${base}-allowFrom.json` : `${base}-${safeFileKey(accountId, 'account id')}-allowFrom.json`);
}
