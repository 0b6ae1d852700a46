import { createHash } from 'node:crypto';
import { inboundKey } from './store-inbound-message.js';

/**
 * The transcript entry id of an inbound channel message's user entry: a UUID (the shape core gives its own entry
 * ids) derived from `channel / account / chat / message`, so every delivery and every re-run of the same platform
 * message names the same entry. Core's runtime then continues a run whose user entry a crash left in the transcript
 * instead of storing the message a second time. SHA-256 with the RFC 9562 version-8 (custom) and variant bits set.
 */
export function inboundEntryId(message: { channel: string; accountId: string; chat: { id: string }; messageId: string }): string {
  const bytes = createHash('sha256').update(`rusty-claw/inbound-entry\u0000${inboundKey(message)}`).digest().subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x80;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
