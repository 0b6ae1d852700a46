import { readFile, stat } from 'node:fs/promises';
import { normalizeAccountId } from '@rusty-claw/core';
import { createAsyncLock } from '../../pairing/async-lock.js';
import { writeJsonAtomic } from '../../pairing/write-json-atomic.js';
import { ChannelPairingError } from './channel-pairing-error.js';
import { generatePairingCode, pairingRequestId } from './pairing-code.js';
import { allowFromFile, pairingRequestsFile } from './pairing-files.js';

/** Pending requests expire after an hour (OpenClaw); a sender gets a new code (and message) after that. */
export const PAIRING_PENDING_TTL_MS = 3_600_000;
/** At most this many pending requests per account; more senders get nothing until one expires or is approved. */
export const PAIRING_PENDING_MAX = 3;

/** One pending request as OpenClaw stores it in `<channel>-pairing.json`. `id` is the sender id. */
export interface PairingRequest {
  id: string;
  code: string;
  createdAt: string;
  lastSeenAt: string;
  meta?: Record<string, string>;
}

interface RequestsFile {
  version: 1;
  requests: PairingRequest[];
}

export interface PairingRef {
  channel: string;
  accountId?: string | undefined;
  code?: string | undefined;
  requestId?: string | undefined;
}

function accountOf(request: PairingRequest): string {
  return normalizeAccountId(request.meta?.['accountId']);
}

function isRequest(value: unknown): value is PairingRequest {
  const r = value as PairingRequest;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.code === 'string' && typeof r.createdAt === 'string';
}

/**
 * DM pairing state in OpenClaw's files (so an OpenClaw home keeps its approvals): pending requests with their codes,
 * and the approved senders per account. Writes are atomic (temp + fsync + rename, mode 0600) and serialised in this
 * process; every change goes through the gateway (the CLI calls `channels.pairing.*`), so no file lock is needed. A
 * file that exists but is not JSON is reported, never overwritten.
 */
export class ChannelPairingStore {
  readonly #stateDir: string;
  readonly #now: () => number;
  readonly #lock = createAsyncLock();
  readonly #allowCache = new Map<string, { mtimeMs: number; size: number; entries: string[] }>();

  constructor(options: { stateDir: string; now?: () => number }) {
    this.#stateDir = options.stateDir;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Records (or refreshes) the pending request of `senderId`. `created` is true only for a new request: that is when
   * the sender is sent the code, so a sender who keeps writing gets one message per hour, always with the same code.
   * `code` is empty when the account already has `PAIRING_PENDING_MAX` other pending requests.
   */
  upsert(params: { channel: string; accountId: string; senderId: string; meta?: Record<string, string | undefined> }): Promise<{ code: string; created: boolean }> {
    return this.#lock(async () => {
      const file = pairingRequestsFile(this.#stateDir, params.channel);
      const accountId = normalizeAccountId(params.accountId);
      const now = new Date(this.#now()).toISOString();
      const meta: Record<string, string> = { accountId };
      for (const [key, value] of Object.entries(params.meta ?? {})) if (typeof value === 'string' && value.trim()) meta[key] = value.trim();
      const requests = this.#prune(await this.#readRequests(file));
      const existing = requests.find((request) => request.id === params.senderId && accountOf(request) === accountId);
      if (existing) {
        existing.lastSeenAt = now;
        existing.meta = { ...existing.meta, ...meta };
        await writeJsonAtomic(file, { version: 1, requests } satisfies RequestsFile);
        return { code: existing.code, created: false };
      }
      if (requests.filter((request) => accountOf(request) === accountId).length >= PAIRING_PENDING_MAX) return { code: '', created: false };
      const code = generatePairingCode(new Set(requests.map((request) => request.code.toUpperCase())));
      requests.push({ id: params.senderId, code, createdAt: now, lastSeenAt: now, meta });
      await writeJsonAtomic(file, { version: 1, requests } satisfies RequestsFile);
      return { code, created: true };
    });
  }

  /** Pending, unexpired requests of a channel (optionally one account), oldest first. */
  list(channel: string, accountId?: string): Promise<PairingRequest[]> {
    return this.#lock(async () => {
      const requests = this.#prune(await this.#readRequests(pairingRequestsFile(this.#stateDir, channel)));
      const wanted = accountId === undefined ? undefined : normalizeAccountId(accountId);
      return requests.filter((request) => wanted === undefined || accountOf(request) === wanted).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    });
  }

  /** The opaque id `channels.pairing.*` shows for a request. */
  requestIdOf(channel: string, request: PairingRequest): string {
    return pairingRequestId(channel, accountOf(request), request.id, request.createdAt);
  }

  /** Approves a request (by code or request id): it leaves the pending list and its sender joins the account's allowlist. */
  approve(ref: PairingRef): Promise<{ request: PairingRequest; accountId: string } | undefined> {
    return this.#lock(async () => {
      const found = await this.#take(ref);
      if (!found) return undefined;
      const file = allowFromFile(this.#stateDir, ref.channel, found.accountId);
      const current = await this.#readAllowFrom(file);
      if (!current.includes(found.request.id)) {
        await writeJsonAtomic(file, { version: 1, allowFrom: [...current, found.request.id] });
        this.#allowCache.delete(file);
      }
      return found;
    });
  }

  /** Drops a pending request without blocking the sender (they get a new code on their next message). */
  dismiss(ref: PairingRef): Promise<{ request: PairingRequest; accountId: string } | undefined> {
    return this.#lock(() => this.#take(ref));
  }

  /** Senders approved for this account; the default account also reads OpenClaw's legacy channel-wide file. */
  async pairedSenders(channel: string, accountId: string): Promise<string[]> {
    const normalized = normalizeAccountId(accountId);
    const files = [allowFromFile(this.#stateDir, channel, normalized)];
    if (normalized === 'default') files.push(allowFromFile(this.#stateDir, channel));
    const lists = await Promise.all(files.map((file) => this.#cachedAllowFrom(file)));
    return [...new Set(lists.flat())];
  }

  async #take(ref: PairingRef): Promise<{ request: PairingRequest; accountId: string } | undefined> {
    const file = pairingRequestsFile(this.#stateDir, ref.channel);
    const requests = this.#prune(await this.#readRequests(file));
    const wantedAccount = ref.accountId === undefined || ref.accountId.trim() === '' ? undefined : normalizeAccountId(ref.accountId);
    const code = ref.code?.trim().toUpperCase();
    const index = requests.findIndex(
      (request) =>
        (wantedAccount === undefined || accountOf(request) === wantedAccount) &&
        (code !== undefined ? request.code.toUpperCase() === code : this.requestIdOf(ref.channel, request) === ref.requestId),
    );
    const request = requests[index];
    if (!request) return undefined;
    requests.splice(index, 1);
    await writeJsonAtomic(file, { version: 1, requests } satisfies RequestsFile);
    return { request, accountId: wantedAccount ?? accountOf(request) };
  }

  #prune(requests: PairingRequest[]): PairingRequest[] {
    const now = this.#now();
    return requests.filter((request) => {
      const created = Date.parse(request.createdAt);
      return Number.isFinite(created) && now - created <= PAIRING_PENDING_TTL_MS;
    });
  }

  async #readRequests(file: string): Promise<PairingRequest[]> {
    const parsed = await readJson(file);
    const requests = (parsed as Partial<RequestsFile> | undefined)?.requests;
    return Array.isArray(requests) ? requests.filter(isRequest).map((request) => ({ ...request })) : [];
  }

  async #readAllowFrom(file: string): Promise<string[]> {
    const parsed = (await readJson(file)) as { allowFrom?: unknown } | undefined;
    const list = Array.isArray(parsed?.allowFrom) ? parsed.allowFrom : [];
    return [...new Set(list.filter((entry): entry is string | number => typeof entry === 'string' || typeof entry === 'number').map((entry) => String(entry).trim()).filter(Boolean))];
  }

  /** Read on every DM, so cached until the file's mtime or size changes (an edit by hand is still seen). */
  async #cachedAllowFrom(file: string): Promise<string[]> {
    let info: { mtimeMs: number; size: number } | undefined;
    try {
      info = await stat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const cached = this.#allowCache.get(file);
    if (cached && cached.mtimeMs === info.mtimeMs && cached.size === info.size) return cached.entries;
    const entries = await this.#readAllowFrom(file);
    this.#allowCache.set(file, { mtimeMs: info.mtimeMs, size: info.size, entries });
    return entries;
  }
}

async function readJson(file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new ChannelPairingError('PAIRING_FILE_UNREADABLE', `cannot read ${file}: ${(error as Error).message}`, { file, cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ChannelPairingError('PAIRING_FILE_UNREADABLE', `${file} is not valid JSON; fix or remove it (it is never overwritten)`, { file, cause: error });
  }
}
