import { randomBytes } from 'node:crypto';
import { connect, type Socket } from 'node:net';

/**
 * A WebSocket spoken by hand over TCP, for what `ws` refuses to send: a frame header announcing a huge
 * payload with no payload behind it. Collects the server's bytes and parses its close frame.
 */
export class RawTcpWebSocket {
  private buffer = Buffer.alloc(0);
  readonly ended: Promise<void>;

  private constructor(private readonly socket: Socket) {
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
    });
    this.ended = new Promise((resolve) => socket.on('close', () => resolve()));
    socket.on('error', () => undefined);
  }

  static async open(port: number): Promise<RawTcpWebSocket> {
    const socket = connect(port, '127.0.0.1');
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', resolve);
      socket.once('error', reject);
    });
    const client = new RawTcpWebSocket(socket);
    socket.write(
      [
        'GET / HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
    await client.waitFor((bytes) => bytes.includes('\r\n\r\n'));
    return client;
  }

  async waitFor(predicate: (bytes: Buffer) => boolean, timeoutMs = 3_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.buffer)) {
      if (Date.now() > deadline) throw new Error(`timed out; received ${this.buffer.length} bytes`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }

  /** Writes a masked text frame header claiming `length` payload bytes, and no payload. */
  sendHeaderOnly(length: bigint): void {
    const header = Buffer.alloc(2 + 8 + 4);
    header[0] = 0x81; // FIN + text
    header[1] = 0x80 | 127; // masked, 64-bit length follows
    header.writeBigUInt64BE(length, 2);
    randomBytes(4).copy(header, 10);
    this.socket.write(header);
  }

  /** The status code of the first close frame (opcode 0x8) the server sent, if any. */
  closeCode(): number | undefined {
    const text = this.buffer;
    let offset = text.indexOf('\r\n\r\n') + 4;
    while (offset + 2 <= text.length) {
      const opcode = (text[offset] ?? 0) & 0x0f;
      let length = (text[offset + 1] ?? 0) & 0x7f;
      let start = offset + 2;
      if (length === 126) {
        length = text.readUInt16BE(start);
        start += 2;
      } else if (length === 127) {
        length = Number(text.readBigUInt64BE(start));
        start += 8;
      }
      if (opcode === 0x8) return length >= 2 ? text.readUInt16BE(start) : undefined;
      offset = start + length;
    }
    return undefined;
  }

  destroy(): void {
    this.socket.destroy();
  }
}
