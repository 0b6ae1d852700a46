import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the OS temp dir plus a cleanup function (call it in afterEach). */
export async function makeTempDir(): Promise<{ dir: string; cleanup: () => Promise<void>; write: (name: string, text: string) => Promise<string> }> {
  const dir = await mkdtemp(join(tmpdir(), 'rusty-claw-core-'));
  return {
    dir,
    cleanup: () => rm(dir, { recursive: true, force: true }),
    write: async (name, text) => {
      const file = join(dir, name);
      await writeFile(file, text);
      return file;
    },
  };
}
