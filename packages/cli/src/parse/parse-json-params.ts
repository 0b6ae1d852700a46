import { CliUsageError } from '../cli-usage-error.js';

/**
 * `gateway call --params`: strict JSON (as OpenClaw's CLI takes it) that must be an object, since
 * every gateway method's params are an object. `undefined` when the flag was not given.
 */
export function parseJsonParams(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`--params is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new CliUsageError('--params must be a JSON object, e.g. --params \'{"probe":true}\'');
  }
  return value as Record<string, unknown>;
}
