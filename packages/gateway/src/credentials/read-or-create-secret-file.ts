import { chmod, mkdir, open, readFile, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface StoredSecret {
  token: string;
  file: string;
  /** True when this call generated it (first start), false when an earlier start had. */
  created: boolean;
  /** Set when the file was readable by others and its mode was tightened to 0600. */
  tightened?: boolean;
}

/**
 * A secret generated once and kept in `file` (dir 0700, file 0600). Created with `wx` so two gateways starting at
 * once agree on one value instead of overwriting each other's; an empty file (a crash between create and write)
 * is replaced atomically; an existing file readable by others is tightened to 0600.
 */
export async function readOrCreateSecretFile(file: string, generate: () => string): Promise<StoredSecret> {
  const existing = await readExisting(file);
  if (existing !== undefined) return existing;

  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const token = generate();
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
    // Another process won the race (or the file is empty): use or repair what is there.
    const raced = await readExisting(file);
    if (raced !== undefined) return raced;
    return replaceEmpty(file, token);
  }
}

async function readExisting(file: string): Promise<StoredSecret | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  const token = text.trim();
  if (token === '') return undefined;
  const mode = (await stat(file)).mode & 0o777;
  if ((mode & 0o077) !== 0) {
    await chmod(file, 0o600);
    return { token, file, created: false, tightened: true };
  }
  return { token, file, created: false };
}

async function replaceEmpty(file: string, token: string): Promise<StoredSecret> {
  const temp = `${file}.${process.pid}.tmp`;
  const handle = await open(temp, 'w', 0o600);
  try {
    await handle.writeFile(`${token}\n`, 'utf8');
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  return { token, file, created: true };
}
