// Run our built CLI (`apps/cli/dist/main.js`) as a separate process, the way an operator runs it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { assertBuilt, rustyClawCliMain } from './paths.ts';
import { runProcess, type ProcessResult } from './run-process.ts';

export interface RustyClawCliResult extends ProcessResult {
  args: readonly string[];
}

/** `node apps/cli/dist/main.js …args` with its own HOME, state dir and TMPDIR (removed afterwards). */
export async function runRustyClawCli(args: readonly string[], { timeoutMs = 30_000 } = {}): Promise<RustyClawCliResult> {
  assertBuilt();
  const root = await mkdtemp(join(tmpdir(), 'rc-compat-cli-'));
  try {
    const result = await runProcess(process.execPath, [rustyClawCliMain, ...args], {
      env: {
        PATH: process.env['PATH'] ?? '/usr/bin:/bin',
        HOME: root,
        TMPDIR: root,
        LANG: 'C.UTF-8',
        NO_COLOR: '1',
        RUSTY_CLAW_STATE_DIR: join(root, 'state'),
      },
      cwd: root,
      timeoutMs,
    });
    return { ...result, args };
  } finally {
    await rm(root, { recursive: true, force: true, maxRetries: 3 });
  }
}
