import os from 'node:os';
import type { PresenceEntry } from '@rusty-claw/protocol';

/** Entries disappear 5 minutes after their last update; at most 200 are kept (OpenClaw's limits). */
export const PRESENCE_TTL_MS = 5 * 60_000;
export const PRESENCE_MAX_ENTRIES = 200;

function primaryIPv4(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return undefined;
}

function deviceFamily(): string {
  switch (os.platform()) {
    case 'darwin':
      return 'Mac';
    case 'win32':
      return 'Windows';
    case 'linux':
      return 'Linux';
    default:
      return os.platform();
  }
}

/**
 * Who is connected, for `system-presence`, `presence` events and the hello-ok snapshot. Always holds a self
 * entry for the gateway host (`mode:"gateway"`, `reason:"self"`). Entries are keyed (case-insensitively) by
 * device id, else instance id, else connection id; a disconnect keeps the entry with `reason:"disconnect"`
 * until it expires, as OpenClaw does.
 */
export class PresenceStore {
  private readonly entries = new Map<string, PresenceEntry>();
  private readonly selfKey: string;
  private readonly selfEntry: Omit<PresenceEntry, 'ts'>;

  constructor(
    private readonly options: { version: string; now: () => number },
  ) {
    const host = os.hostname();
    const ip = primaryIPv4();
    this.selfKey = `self:${host.toLowerCase()}`;
    this.selfEntry = {
      host,
      ...(ip ? { ip } : {}),
      version: options.version,
      platform: `${os.platform()} ${os.release()}`,
      deviceFamily: deviceFamily(),
      modelIdentifier: os.arch(),
      mode: 'gateway',
      reason: 'self',
      text: `Gateway: ${host}${ip ? ` (${ip})` : ''} · app ${options.version} · mode gateway · reason self`,
    };
  }

  /** Adds or replaces fields of the entry under `key`, stamping it with the current time. */
  upsert(key: string, patch: Omit<PresenceEntry, 'ts'>): void {
    const normalized = key.trim().toLowerCase();
    const existing = this.entries.get(normalized);
    const merged: PresenceEntry = { ...existing, ...stripUndefined(patch), ts: this.options.now() };
    this.entries.delete(normalized);
    this.entries.set(normalized, merged);
    this.evict();
  }

  /** The current list: self first-class member, newest first, expired entries dropped. */
  list(): PresenceEntry[] {
    this.evict();
    const self: PresenceEntry = { ...this.selfEntry, ts: this.options.now() };
    const rest = [...this.entries.values()].sort((a, b) => b.ts - a.ts);
    return [self, ...rest].slice(0, PRESENCE_MAX_ENTRIES);
  }

  private evict(): void {
    const cutoff = this.options.now() - PRESENCE_TTL_MS;
    for (const [key, entry] of this.entries) if (entry.ts < cutoff) this.entries.delete(key);
    // Insertion order = update order, so the first keys are the stalest.
    for (const key of this.entries.keys()) {
      if (this.entries.size < PRESENCE_MAX_ENTRIES) break;
      if (key !== this.selfKey) this.entries.delete(key);
    }
  }
}

function stripUndefined<T extends object>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) out[key] = item;
  return out as T;
}
