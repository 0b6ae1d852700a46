// Run a reference OpenClaw CLI (2026.5.7 or 2026.9.6) as a black-box conformance client.
import { createIsolatedHome } from './isolated-home.ts';
import { openClawEntry, type OpenClawVersion } from './paths.ts';
import { runProcess, type ProcessResult } from './run-process.ts';

export interface OpenClawRunOptions {
  /**
   * Client config in remote mode, for commands without `--url` (`openclaw health`, `openclaw status`):
   * `{gateway:{mode:"remote",remote:{url,token}}}` (openclaw-v4-live.md §5.1).
   */
  remote?: { url: string; token: string };
  /** Whole-process deadline; the process group is killed after it (default 90 s: a run costs 1–3 s idle, far more on a loaded box). */
  timeoutMs?: number;
  env?: Record<string, string>;
}

export interface OpenClawRunResult extends ProcessResult {
  version: OpenClawVersion;
  args: readonly string[];
}

/** `node openclaw.mjs …args` with its own HOME/state/config/TMPDIR; the temp dir is removed afterwards. */
export async function runOpenClaw(
  version: OpenClawVersion,
  args: readonly string[],
  options: OpenClawRunOptions = {},
): Promise<OpenClawRunResult> {
  const config = options.remote
    ? { gateway: { mode: 'remote', remote: { url: options.remote.url, token: options.remote.token } } }
    : {};
  const isolated = await createIsolatedHome({
    prefix: `rc-openclaw-${version}-`,
    config,
    ...(options.env ? { env: options.env } : {}),
  });
  try {
    const result = await runProcess(process.execPath, [openClawEntry(version), ...args], {
      env: isolated.env,
      cwd: isolated.home,
      timeoutMs: options.timeoutMs ?? 90_000,
    });
    return { ...result, version, args };
  } finally {
    await isolated.cleanup();
  }
}

/** One line for assertion messages: what ran and what it printed. */
export function describeRun(result: OpenClawRunResult): string {
  return [
    `openclaw(${result.version}) ${result.args.join(' ')} → code ${String(result.code)}${result.timedOut ? ' (timed out)' : ''}`,
    `stdout: ${result.stdout.slice(0, 4000)}`,
    `stderr: ${result.stderr.slice(0, 4000)}`,
  ].join('\n');
}

/**
 * Parse the JSON document a `--json` command printed. OpenClaw may print a banner or log lines before
 * it, so take the text from the first line that starts a JSON value.
 */
export function parseJsonOutput(stdout: string): unknown {
  const trimmed = stdout.trim();
  try {
    return JSON.parse(trimmed);
  } catch {
    const lines = trimmed.split('\n');
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? '';
      if (line.startsWith('{') || line.startsWith('[')) {
        try {
          return JSON.parse(lines.slice(i).join('\n'));
        } catch {
          // keep looking: a log line may start with a brace
        }
      }
    }
    throw new Error(`no JSON document in output:\n${stdout.slice(0, 2000)}`);
  }
}
