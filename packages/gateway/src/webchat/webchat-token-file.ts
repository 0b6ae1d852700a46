import { randomBytes } from 'node:crypto';
import { chmod, mkdir, open, readFile, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Where the generated web chat token lives (beside the gateway token, same rules). */
export function webchatTokenFile(stateDir: string): string {
  return join(stateDir, 'credentials', 'webchat-token');
}

/**
 * The web chat token generated once per state dir: 32 random bytes, base64url, prefixed `wct_` so that a
 * leaked one is recognisable as the (low-privilege) web chat token. Created with `wx` (dir 0700, file 0600),
 * so two gateways starting at once agree on one token; an existing file readable by others is tightened.
 */
export async function readOrCreateWebchatToken(stateDir: string): Promise<{ token: string; file: string; created: boolean }> {
  const file = webchatTokenFile(stateDir);
  const existing = await readToken(file);
  if (existing !== undefined) return { token: existing, file, created: false };
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const token = `wct_${randomBytes(32).toString('base64url')}`;
  try {
    const handle = await open(file, 'wx', 0o600);
    try {
      await handle.writeFile(`${token}\n`, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    return { token, file, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const raced = await readToken(file);
    if (raced !== undefined) return { token: raced, file, created: false };
    // An empty file (a crash between create and write): fill it.
    await writeFile(file, `${token}\n`, { encoding: 'utf8', mode: 0o600 });
    return { token, file, created: true };
  }
}

async function readToken(file: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const token = text.trim();
  if (token === '') return undefined;
  if (((await stat(file)).mode & 0o077) !== 0) await chmod(file, 0o600);
  return token;
}
