import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DeviceStoreError } from '../errors/device-store-error.js';
import type { PairedDevice, PendingDeviceRequest } from './device-records.js';
import { writeJsonAtomic } from './write-json-atomic.js';

/** Pending requests expire after 5 minutes, as in OpenClaw. */
export const PENDING_TTL_MS = 5 * 60_000;

/** Both device files, as read. */
export interface DeviceState {
  pending: Record<string, PendingDeviceRequest>;
  paired: Record<string, PairedDevice>;
}

/**
 * `<stateDir>/devices/pending.json` and `paired.json`: read whole, written whole and atomically (0600). A file
 * that exists but is not a JSON object raises `DeviceStoreError` and is never overwritten.
 */
export class DeviceFiles {
  readonly pendingPath: string;
  readonly pairedPath: string;

  constructor(stateDir: string) {
    const dir = join(stateDir, 'devices');
    this.pendingPath = join(dir, 'pending.json');
    this.pairedPath = join(dir, 'paired.json');
  }

  /** Both files, with pending requests older than the TTL dropped. */
  async read(now: number): Promise<DeviceState> {
    const [pending, paired] = await Promise.all([
      readRecordFile<PendingDeviceRequest>(this.pendingPath),
      readRecordFile<PairedDevice>(this.pairedPath),
    ]);
    const cutoff = now - PENDING_TTL_MS;
    for (const [requestId, entry] of Object.entries(pending)) {
      if (typeof entry?.ts !== 'number' || entry.ts < cutoff) delete pending[requestId];
    }
    return { pending, paired };
  }

  writePending(state: DeviceState): Promise<void> {
    return writeJsonAtomic(this.pendingPath, state.pending);
  }

  writePaired(state: DeviceState): Promise<void> {
    return writeJsonAtomic(this.pairedPath, state.paired);
  }

  async writeBoth(state: DeviceState): Promise<void> {
    await this.writePending(state);
    await this.writePaired(state);
  }
}

async function readRecordFile<T>(file: string): Promise<Record<string, T>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new DeviceStoreError(`cannot read ${file}: ${(error as Error).message}`, { file, cause: error });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new DeviceStoreError(`${file} is not valid JSON; fix or move it away (pairing is paused until then)`, { file, cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new DeviceStoreError(`${file} must hold a JSON object keyed by id`, { file });
  }
  return value as Record<string, T>;
}
