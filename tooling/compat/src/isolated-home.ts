// One throw-away home per OpenClaw process: HOME, OPENCLAW_STATE_DIR, OPENCLAW_CONFIG_PATH, TMPDIR and
// the log file all live in a fresh temp dir, so runs share no state with each other, with the
// developer's ~/.openclaw, or with OpenClaw's default log under the system temp dir.
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface IsolatedHome {
  root: string;
  home: string;
  stateDir: string;
  configPath: string;
  tmpDir: string;
  logFile: string;
  /** A clean environment: nothing inherited except PATH, so no OPENCLAW_* / RUSTY_CLAW_* leaks in. */
  env: NodeJS.ProcessEnv;
  cleanup(): Promise<void>;
}

/** Switches documented by OpenClaw for embedding/CI: no update checks, no mDNS, no prompts, no respawn. */
const QUIET_OPENCLAW_ENV = {
  OPENCLAW_NO_AUTO_UPDATE: '1',
  OPENCLAW_DISABLE_BONJOUR: '1',
  OPENCLAW_NO_RESPAWN: '1',
  OPENCLAW_NO_PROMPT: '1',
  OPENCLAW_NO_ONBOARD: '1',
} as const;

/**
 * OpenClaw's launcher keeps V8's compile cache in `$TMPDIR/node-compile-cache`. A fresh TMPDIR per run
 * makes every run cold (a `gateway call` costs ~7.5 s instead of ~1.8 s on a 2-core box), so by default
 * that one subdirectory is a symlink to this shared cache. It holds only bytecode keyed by file content:
 * no state, config or credentials, so the isolation the tests rely on is kept.
 */
export const SHARED_COMPILE_CACHE_DIR = join(tmpdir(), 'rc-compat-node-compile-cache');

export interface IsolatedHomeOptions {
  prefix?: string;
  /** Where `$TMPDIR/node-compile-cache` points (default SHARED_COMPILE_CACHE_DIR); false for a cold, private cache. */
  compileCacheDir?: string | false;
  /** Merged into the config file next to `logging.file` (e.g. remote-mode `gateway`). */
  config?: Record<string, unknown>;
  env?: Record<string, string>;
}

export async function createIsolatedHome(options: IsolatedHomeOptions = {}): Promise<IsolatedHome> {
  const root = await mkdtemp(join(tmpdir(), options.prefix ?? 'rc-compat-'));
  const home = join(root, 'home');
  const stateDir = join(root, 'state');
  const tmpDir = join(root, 'tmp');
  const configPath = join(stateDir, 'openclaw.json');
  const logFile = join(root, 'openclaw.log');
  await Promise.all([mkdir(home), mkdir(stateDir, { mode: 0o700 }), mkdir(tmpDir)]);
  const compileCacheDir = options.compileCacheDir ?? SHARED_COMPILE_CACHE_DIR;
  if (compileCacheDir !== false) {
    await mkdir(compileCacheDir, { recursive: true });
    await symlink(compileCacheDir, join(tmpDir, 'node-compile-cache'), 'dir');
  }
  const config = { logging: { file: logFile }, ...options.config };
  await writeFile(configPath, `${JSON.stringify(config, null, 2)}\n`, { mode: 0o600 });
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    FORCE_COLOR: '0',
    HOME: home,
    TMPDIR: tmpDir,
    OPENCLAW_STATE_DIR: stateDir,
    OPENCLAW_CONFIG_PATH: configPath,
    ...QUIET_OPENCLAW_ENV,
    ...options.env,
  };
  return {
    root,
    home,
    stateDir,
    configPath,
    tmpDir,
    logFile,
    env,
    cleanup: () => rm(root, { recursive: true, force: true, maxRetries: 3 }),
  };
}
