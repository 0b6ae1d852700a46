import { ChannelError, type OutboundAttachment } from '@rusty-claw/plugin-sdk';

export const DISCORD_CDN = 'https://cdn.discordapp.com';
const DISCORD_MEDIA_HOSTS = new Set(['cdn.discordapp.com', 'media.discordapp.net']);

function withoutTrailingSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The URL an attachment is downloaded from. Only Discord's CDN is fetched — through `cdnRoot` when one is set (a
 * proxy, or the fake in tests) — so a message cannot make the gateway fetch an arbitrary URL (SSRF).
 */
export function resolveAttachmentUrl(url: string, cdnRoot: string): string {
  const root = withoutTrailingSlash(cdnRoot);
  if (url === root || url.startsWith(`${root}/`)) return url;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ChannelError('discord', `attachment URL is not a URL: ${url.slice(0, 200)}`, { code: 'ATTACHMENT_URL_REFUSED' });
  }
  if (parsed.protocol === 'https:' && DISCORD_MEDIA_HOSTS.has(parsed.hostname)) return `${root}${parsed.pathname}${parsed.search}`;
  throw new ChannelError('discord', `attachment URL is not on Discord's CDN (${parsed.origin}); refusing to fetch it`, { code: 'ATTACHMENT_URL_REFUSED' });
}

/** Downloads an inbound attachment from the CDN, refusing more than `maxBytes` (checked while reading). */
export async function downloadDiscordAttachment(url: string, options: { cdnRoot: string; maxBytes: number; signal?: AbortSignal | undefined }): Promise<Uint8Array> {
  const target = resolveAttachmentUrl(url, options.cdnRoot);
  let response: Response;
  try {
    response = await fetch(target, { redirect: 'error', ...(options.signal ? { signal: options.signal } : {}) });
  } catch (error) {
    throw new ChannelError('discord', `could not download an attachment: ${error instanceof Error ? error.message : String(error)}`, {
      code: 'CHANNEL_UNAVAILABLE', isRetryable: true, cause: error,
    });
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new ChannelError('discord', `could not download an attachment: the CDN answered HTTP ${response.status}`, {
      code: response.status === 404 ? 'CHANNEL_NOT_FOUND' : 'CHANNEL_REQUEST_FAILED', statusCode: response.status, isRetryable: response.status >= 500,
    });
  }
  const tooLarge = () =>
    new ChannelError('discord', `attachment is larger than the ${options.maxBytes} byte limit (channels.discord.mediaMaxMb)`, { code: 'ATTACHMENT_TOO_LARGE' });
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > options.maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of response.body ?? []) {
    total += chunk.byteLength;
    if (total > options.maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp', 'audio/ogg': 'ogg', 'audio/mpeg': 'mp3',
  'audio/wav': 'wav', 'audio/mp4': 'm4a', 'video/mp4': 'mp4', 'video/webm': 'webm', 'application/pdf': 'pdf', 'text/plain': 'txt',
  'application/json': 'json',
};

/** A safe file name for an upload: the given one without path parts, or `<kind>-<n>.<ext>` from the MIME type. */
export function uploadFileName(attachment: OutboundAttachment, index: number): string {
  const base = attachment.fileName?.split(/[\\/]/).pop() ?? '';
  const given = [...base].filter((char) => char.charCodeAt(0) >= 0x20).join('').trim();
  if (given) return given.slice(0, 200);
  const extension = EXTENSIONS[attachment.mimeType.split(';')[0]?.trim().toLowerCase() ?? ''] ?? 'bin';
  return `${attachment.kind}-${index + 1}.${extension}`;
}
