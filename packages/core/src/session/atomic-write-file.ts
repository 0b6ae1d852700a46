import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Flushes a directory entry change (create, rename, unlink) to disk. */
export async function fsyncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** The temp-file name `atomicWriteFile` uses next to `path`; left-overs after a crash match `isAtomicTempName`. */
export function atomicTempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
}

export function isAtomicTempName(name: string): boolean {
  return /^\..+\.tmp-[0-9a-f]{12}$/.test(name);
}

/**
 * Replaces `path` with `data` so that a reader (or a restart after a crash) sees either the old or the new file,
 * never a mix: write a temp file in the same directory, fsync it, rename it over `path`, fsync the directory.
 */
export async function atomicWriteFile(path: string, data: string | Uint8Array, options: { mode?: number } = {}): Promise<void> {
  const temp = atomicTempPath(path);
  const handle = await open(temp, 'wx', options.mode ?? 0o600);
  try {
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await fsyncDirectory(dirname(path));
}
