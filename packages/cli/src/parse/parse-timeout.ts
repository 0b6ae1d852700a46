import { InvalidArgumentError } from 'commander';

/** `--timeout <ms>`: a positive integer number of milliseconds. */
export function parseTimeout(value: string): number {
  const ms = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(ms) || ms <= 0) {
    throw new InvalidArgumentError(`expected a positive number of milliseconds, got "${value}"`);
  }
  return ms;
}
