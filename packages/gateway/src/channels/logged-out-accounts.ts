import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeJsonAtomic } from '../pairing/write-json-atomic.js';

/**
 * Accounts an operator logged out (`channels.logout`): they stay stopped across restarts until `channels.login`.
 * OpenClaw clears the token from the config instead; keeping the config untouched means logging in again needs no
 * secret re-entry. `<stateDir>/channels/logged-out.json`, atomic, mode 0600.
 */
export class LoggedOutAccounts {
  readonly #file: string;
  #keys: Set<string> | undefined;

  constructor(stateDir: string) {
    this.#file = join(stateDir, 'channels', 'logged-out.json');
  }

  async has(channel: string, accountId: string): Promise<boolean> {
    return (await this.#load()).has(`${channel}:${accountId}`);
  }

  async set(channel: string, accountId: string, loggedOut: boolean): Promise<void> {
    const keys = new Set(await this.#load());
    const key = `${channel}:${accountId}`;
    if (loggedOut === keys.has(key)) return;
    if (loggedOut) keys.add(key);
    else keys.delete(key);
    await writeJsonAtomic(this.#file, { version: 1, accounts: [...keys].sort() });
    this.#keys = keys;
  }

  async #load(): Promise<Set<string>> {
    if (this.#keys) return this.#keys;
    let keys = new Set<string>();
    try {
      const parsed = JSON.parse(await readFile(this.#file, 'utf8')) as { accounts?: unknown };
      if (Array.isArray(parsed.accounts)) keys = new Set(parsed.accounts.filter((entry): entry is string => typeof entry === 'string'));
    } catch (error) {
      // Missing is normal; an unreadable file must not keep every channel down, so it counts as empty.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') keys = new Set();
    }
    this.#keys = keys;
    return keys;
  }
}
