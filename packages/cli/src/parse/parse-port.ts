import { InvalidArgumentError } from 'commander';

/** `--port`: an integer 0–65535 (0 = let the OS pick, useful for tests). */
export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || !Number.isInteger(port) || port > 65535) {
    throw new InvalidArgumentError(`expected an integer from 0 to 65535, got "${value}"`);
  }
  return port;
}
