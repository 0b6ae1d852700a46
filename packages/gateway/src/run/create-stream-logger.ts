import type { Logger } from '@rusty-claw/plugin-sdk';

const LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LEVELS)[number] | 'silent';

/**
 * The foreground gateway's default logger: one line per entry on stderr (stdout stays for the
 * listening lines), `<iso time> <LEVEL> <message> key=value…`. Level from RUSTY_CLAW_LOG_LEVEL.
 */
export function createStreamLogger(stream: { write(chunk: string): unknown }, level: LogLevel = 'info'): Logger {
  const threshold = level === 'silent' ? LEVELS.length : LEVELS.indexOf(level);
  const write = (entryLevel: (typeof LEVELS)[number]) => (fields: Record<string, unknown>, message: string) => {
    if (LEVELS.indexOf(entryLevel) < threshold) return;
    const extras = Object.entries(fields)
      .filter(([, value]) => value !== undefined)
      .map(([key, value]) => `${key}=${formatValue(value)}`);
    stream.write(`${new Date().toISOString()} ${entryLevel.toUpperCase()} ${message}${extras.length > 0 ? ` ${extras.join(' ')}` : ''}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export function parseLogLevel(value: string | undefined): LogLevel {
  const normalized = value?.trim().toLowerCase();
  return normalized === 'debug' || normalized === 'info' || normalized === 'warn' || normalized === 'error' || normalized === 'silent' ? normalized : 'info';
}

function formatValue(value: unknown): string {
  if (value instanceof Error) return JSON.stringify(value.message);
  if (typeof value === 'string') return /^[\w.:/@-]+$/.test(value) ? value : JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
