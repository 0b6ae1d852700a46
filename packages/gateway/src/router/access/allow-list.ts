/** A normalized allowlist: ids to compare with a sender id, and whether `*` (anyone) is in it. */
export interface AllowList {
  ids: ReadonlySet<string>;
  wildcard: boolean;
  /** The list had at least one entry (even one that normalised to nothing usable). */
  hasEntries: boolean;
}

// Prefixes OpenClaw accepts in front of ids (`telegram:123`, `tg:123`, `discord:123`, `user:U123`).
const CHANNEL_ALIASES: Readonly<Record<string, readonly string[]>> = { telegram: ['tg'], discord: [], slack: [], webchat: [] };

/**
 * Normalises one allowlist entry of `channel`: trims, drops an OpenClaw channel prefix (`telegram:`, `tg:`,
 * `discord:`, `user:`) and a Discord mention wrapper (`<@123>`), lowercases. `@username` entries are not ids and are
 * ignored (usernames can be changed and re-registered by someone else; OpenClaw ignores them for Telegram too).
 */
export function normalizeAllowEntry(channel: string, entry: unknown): string | undefined {
  if (typeof entry !== 'string' && typeof entry !== 'number') return undefined;
  let value = String(entry).trim();
  if (value === '' || value === '*') return undefined;
  const prefixes = [channel, ...(CHANNEL_ALIASES[channel] ?? []), 'user'];
  for (const prefix of prefixes) {
    if (value.toLowerCase().startsWith(`${prefix}:`)) {
      value = value.slice(prefix.length + 1).trim();
      break;
    }
  }
  const mention = /^<@!?([^>]+)>$/.exec(value);
  if (mention?.[1]) value = mention[1];
  if (value === '' || value.startsWith('@')) return undefined;
  return value.toLowerCase();
}

export function buildAllowList(channel: string, ...lists: ReadonlyArray<readonly unknown[] | undefined>): AllowList {
  const ids = new Set<string>();
  let wildcard = false;
  let hasEntries = false;
  for (const list of lists) {
    for (const entry of list ?? []) {
      hasEntries = true;
      if (typeof entry === 'string' && entry.trim() === '*') wildcard = true;
      const id = normalizeAllowEntry(channel, entry);
      if (id !== undefined) ids.add(id);
    }
  }
  return { ids, wildcard, hasEntries };
}

export function allowsSender(list: AllowList, senderId: string): boolean {
  return list.wildcard || list.ids.has(senderId.trim().toLowerCase());
}

/** The list when it is an array, else undefined (config values are read leniently). */
export function arrayOrUndefined(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}
