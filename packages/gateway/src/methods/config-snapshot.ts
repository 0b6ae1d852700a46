import { readFile } from 'node:fs/promises';
import { ConfigError, ProtocolError, type ConfigIssue } from '@rusty-claw/plugin-sdk';
import { ErrorCodes } from '@rusty-claw/protocol';

// The config methods are rare: core (its loader, validator and schema builder) and JSON5 are imported on
// first use, never on the gateway's start path.
export const loadCore = () => import('@rusty-claw/core');
const loadJson5 = () => import('json5');

/** The file as it is now: its text (null when absent) and the hash clients send back as `baseHash`. */
export async function readConfigRaw(path: string): Promise<{ raw: string | null; hash: string }> {
  const { hashConfigRaw } = await loadCore();
  let raw: string | null = null;
  try {
    raw = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
      throw new ProtocolError(ErrorCodes.UNAVAILABLE, `cannot read config file ${path}: ${(error as Error).message}`);
    }
  }
  return { raw, hash: hashConfigRaw(raw) };
}

/**
 * The write guard shared by `config.set` and `config.patch` (OpenClaw's `requireConfigBaseHash`): once a
 * file exists, the caller must name the version it edited, and it must still be the current one.
 */
export function requireBaseHash(current: { raw: string | null; hash: string }, baseHash: string | undefined): void {
  if (current.raw === null) return;
  const given = baseHash?.trim();
  if (!given) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'config base hash required; re-run config.get and retry');
  if (given !== current.hash) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'config changed since last load; re-run config.get and retry');
}

/** Parses JSON5 text sent by a client; a syntax error is the caller's mistake (INVALID_REQUEST). */
export async function parseJson5(text: string, what: string): Promise<unknown> {
  const { default: JSON5 } = await loadJson5();
  try {
    return JSON5.parse(text);
  } catch (error) {
    throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `invalid ${what}: ${(error as Error).message}`);
  }
}

/** "invalid config: a.b: msg; c: msg (+2 more issues)" with every issue in `details.issues` (OpenClaw's summary). */
export function invalidConfigError(error: unknown): ProtocolError {
  if (!ConfigError.isInstance(error)) throw error;
  const issues: ConfigIssue[] = error.issues.length > 0 ? [...error.issues] : [{ path: '', message: error.message }];
  const lines = issues.slice(0, 3).map((issue) => `${issue.path || '<root>'}: ${issue.message}`);
  const hidden = issues.length - lines.length;
  const suffix = hidden > 0 ? ` (+${hidden} more issue${hidden === 1 ? '' : 's'})` : '';
  return new ProtocolError(ErrorCodes.INVALID_REQUEST, `invalid config: ${lines.join('; ')}${suffix}`, {
    details: { issues: issues.map((issue) => ({ path: issue.path, message: issue.message })) },
  });
}

/** Core's warnings are "path: message" strings; the wire wants `{path, message}`. */
export function toIssue(text: string): { path: string; message: string } {
  const index = text.indexOf(': ');
  return index > 0 ? { path: text.slice(0, index), message: text.slice(index + 2) } : { path: '', message: text };
}
