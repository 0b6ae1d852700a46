/** One part of a multipart/form-data body. `fileName` is set for file parts. */
export interface MultipartPart {
  name: string;
  fileName?: string;
  contentType?: string;
  data: Buffer;
}

/**
 * A small multipart/form-data parser for the fake Bot API. Written by hand because grammY sends
 * `filename=<name>` unquoted (valid for Telegram, rejected by stricter parsers such as undici's `formData()`).
 */
export function parseMultipart(body: Buffer, contentType: string): MultipartPart[] {
  const boundaryMatch = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const boundary = boundaryMatch?.[1] ?? boundaryMatch?.[2];
  if (!boundary) throw new Error('multipart body without a boundary');
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let position = body.indexOf(delimiter);
  while (position !== -1) {
    const start = position + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next === -1) break;
    // Each part: CRLF, headers, CRLF CRLF, data, CRLF (before the next delimiter).
    const raw = body.subarray(start + 2, next - 2);
    const headerEnd = raw.indexOf('\r\n\r\n');
    if (headerEnd === -1) throw new Error('multipart part without a header block');
    const headers = raw.subarray(0, headerEnd).toString('utf8');
    const data = raw.subarray(headerEnd + 4);
    const disposition = /content-disposition:\s*form-data;\s*name="([^"]*)"(?:;\s*filename=(?:"([^"]*)"|([^\r\n;]+)))?/i.exec(headers);
    if (!disposition) throw new Error('multipart part without content-disposition');
    const type = /content-type:\s*([^\r\n]+)/i.exec(headers)?.[1]?.trim();
    const fileName = disposition[2] ?? disposition[3];
    parts.push({ name: disposition[1] as string, ...(fileName === undefined ? {} : { fileName }), ...(type ? { contentType: type } : {}), data: Buffer.from(data) });
    position = next;
  }
  return parts;
}
