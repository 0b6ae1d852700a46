import type { ServerResponse } from 'node:http';
import type { BotApiAnswer } from './fake-telegram-messages.js';
import { parseMultipart, type MultipartPart } from './parse-multipart.js';

/** Writes a Bot API answer (JSON) unless the response is already over (e.g. a dropped long poll). */
export function send(response: ServerResponse, answer: BotApiAnswer): void {
  if (response.writableEnded || response.destroyed) return;
  const body = JSON.stringify(answer.body);
  response.writeHead(answer.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/** Bot API parameters from the query string and a JSON, multipart or urlencoded body (all three are valid). */
export function parseParams(contentType: string, body: Buffer, query: URLSearchParams): { params: Record<string, unknown>; files: MultipartPart[] } {
  const params: Record<string, unknown> = Object.fromEntries(query);
  if (body.length === 0) return { params, files: [] };
  if (contentType.startsWith('multipart/form-data')) {
    const files: MultipartPart[] = [];
    for (const part of parseMultipart(body, contentType)) {
      if (part.fileName !== undefined) files.push(part);
      else params[part.name] = decodeFormValue(part.data.toString('utf8'));
    }
    return { params, files };
  }
  if (contentType.startsWith('application/json')) {
    const parsed: unknown = JSON.parse(body.toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('request body must be a JSON object');
    return { params: { ...params, ...(parsed as Record<string, unknown>) }, files: [] };
  }
  return { params: { ...params, ...Object.fromEntries(new URLSearchParams(body.toString('utf8'))) }, files: [] };
}

/** Multipart values are strings; objects (reply_parameters, …) arrive JSON-encoded, numbers as digits. */
function decodeFormValue(value: string): unknown {
  if (/^[[{]/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      return value;
    }
  }
  return value;
}

