import { randomUUID } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, rename, stat, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SessionStoreError } from './session-store-error.js';
import { archiveTimestamp } from './transcript-file.js';

export type ArchiveReason = 'reset' | 'deleted' | 'compaction';

/**
 * Keeps a transcript under an archive name, OpenClaw's artifact names: `<file>.reset.<ts>`, `<file>.deleted.<ts>`,
 * or `<sessionId>.checkpoint.<uuid>.jsonl` for a compaction. `link` leaves the original in place (replace renames
 * the new file over it right after); `rename` moves it (delete). An existing archive is never overwritten.
 */
export async function archiveTranscript(options: { dir: string; path: string; sessionId: string; reason: ArchiveReason; now: number; mode: 'link' | 'rename' }): Promise<string> {
  const { dir, path } = options;
  for (let attempt = 0; ; attempt++) {
    const target =
      options.reason === 'compaction'
        ? join(dir, `${options.sessionId}.checkpoint.${randomUUID()}.jsonl`)
        : join(dir, `${basename(path)}.${options.reason}.${archiveTimestamp(options.now + attempt)}`);
    try {
      if (options.mode === 'rename') {
        // rename would silently replace an existing archive: claim the name with a link first.
        await link(path, target).then(
          () => unlink(path),
          async (error: unknown) => {
            if (!linkUnsupported(error)) throw error;
            if (await exists(target)) throw Object.assign(new Error(`${target} exists`), { code: 'EEXIST' });
            await rename(path, target);
          },
        );
      } else {
        await link(path, target).catch(async (error: unknown) => {
          if (!linkUnsupported(error)) throw error;
          await copyFile(path, target, constants.COPYFILE_EXCL);
        });
      }
      return target;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EEXIST' && attempt < 100) continue;
      if (code === 'ENOENT') return target;
      throw new SessionStoreError('SESSION_IO', `cannot archive the transcript ${path}: ${(error as Error).message}`, { path, cause: error });
    }
  }
}

/** File systems without hard links (some FUSE and network mounts) answer these. */
function linkUnsupported(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'EPERM' || code === 'ENOTSUP' || code === 'EOPNOTSUPP' || code === 'ENOSYS';
}

function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
