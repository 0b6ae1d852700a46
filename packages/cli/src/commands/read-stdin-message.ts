import type { InputStream } from '../cli-deps.js';
import { CliUsageError } from '../cli-usage-error.js';

/**
 * Beyond this the message is refused here rather than read into memory without end: the gateway
 * refuses far smaller messages anyway (OpenClaw's frame limit is 25 MiB, its chat limits lower).
 */
export const MAX_STDIN_MESSAGE_BYTES = 16 * 1024 * 1024;

/**
 * The whole of a piped stdin as one message (`echo hi | rusty-claw agent`), UTF-8, without the
 * trailing newline(s) the shell adds. Empty or whitespace-only input is a usage error.
 */
export async function readStdinMessage(stdin: InputStream, maxBytes: number = MAX_STDIN_MESSAGE_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stdin) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > maxBytes) throw new CliUsageError(`the message on stdin is larger than ${maxBytes} bytes`);
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8').replace(/\s+$/, '');
  if (text.trim() === '') {
    throw new CliUsageError('no message: pass -m "<text>", pipe the message on stdin, or run `rusty-claw agent` in a terminal for the interactive mode');
  }
  return text;
}
