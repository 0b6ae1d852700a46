import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { ErrorCodes, type ChatAttachment } from '@rusty-claw/protocol';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

/**
 * `chat.send` / `agent` attachments as the agent's image input. Accepted shapes (OpenClaw's): `{mimeType, content:
 * base64 | data: URL}` and Anthropic-style `{source:{type:"base64", media_type, data}}`. Anything that is not an
 * image is refused with a clear INVALID_REQUEST (Rusty Claw has no file offloading yet) rather than silently dropped.
 * Sizes and formats are checked again by the runtime before anything is stored.
 */
export function attachmentsToImages(attachments: readonly ChatAttachment[] | undefined): Array<{ data: string; mimeType: string }> {
  if (!attachments || attachments.length === 0) return [];
  return attachments.map((attachment, index) => {
    let mimeType = attachment.source?.media_type ?? attachment.mimeType;
    let data = attachment.source?.data ?? (typeof attachment.content === 'string' ? attachment.content : undefined);
    const dataUrl = data === undefined ? undefined : DATA_URL.exec(data);
    if (dataUrl) {
      mimeType ??= dataUrl[1];
      data = dataUrl[2];
    }
    if (data === undefined || data === '') {
      throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `attachments[${index}]: expected base64 content (content or source.data)`);
    }
    if (mimeType === undefined || !mimeType.startsWith('image/')) {
      throw new ProtocolError(
        ErrorCodes.INVALID_REQUEST,
        `attachments[${index}]: only image attachments are supported (got ${mimeType === undefined ? 'no mimeType' : JSON.stringify(mimeType)})`,
      );
    }
    return { data: data.replace(/\s+/g, ''), mimeType };
  });
}
