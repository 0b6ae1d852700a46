import { CliUsageError } from '../cli-usage-error.js';

/**
 * `config set <path> <value>`: the value is JSON5 (`18790`, `true`, `"text"`, `{mode: 'token'}`).
 * A bare word that is not JSON5 (`loopback`) is taken as a string, as OpenClaw's `config set` does, so
 * `config set gateway.bind lan` works without shell-quoting the quotes.
 */
export async function parseJson5Value(text: string): Promise<unknown> {
  // Loaded on demand: only `config set` needs it, and every other command (and the gateway app) starts faster.
  const { default: JSON5 } = await import('json5');
  try {
    return JSON5.parse(text);
  } catch (error) {
    const trimmed = text.trim();
    // Something that looks like structured JSON5 but is malformed is an error, not a string.
    if (trimmed === '' || /^[[{"']/.test(trimmed)) {
      throw new CliUsageError(`value is not valid JSON5: ${(error as Error).message}`, { cause: error });
    }
    return text;
  }
}
