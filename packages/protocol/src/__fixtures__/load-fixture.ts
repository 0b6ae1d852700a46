import { readFileSync } from 'node:fs';

/** The OpenClaw 2026.9.6 frames captured live (see the file's `note`). Test-only helper. */
export function loadV4Capture(): Record<string, unknown> & { errorFrames: unknown[] } {
  return JSON.parse(readFileSync(new URL('./openclaw-v4-capture.json', import.meta.url), 'utf8')) as Record<string, unknown> & {
    errorFrames: unknown[];
  };
}
