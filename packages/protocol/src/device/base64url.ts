// Base64url helpers for device keys and signatures. Decoding accepts both alphabets (url-safe and
// standard) with or without padding, as OpenClaw's server does; anything else is refused instead of
// being silently skipped the way Buffer.from(…, 'base64') would.

const BASE64_ANY = /^[A-Za-z0-9+/_-]*={0,2}$/;

/** Unpadded base64url of `bytes`. */
export function base64UrlEncode(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

/** Bytes of a base64url or standard-base64 string, or `undefined` when it is neither. */
export function base64AnyDecode(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (trimmed.length === 0 || !BASE64_ANY.test(trimmed)) return undefined;
  const body = trimmed.replace(/=+$/, '');
  if (body.length % 4 === 1) return undefined; // no base64 string has this length
  return Buffer.from(body.replaceAll('-', '+').replaceAll('_', '/'), 'base64');
}
