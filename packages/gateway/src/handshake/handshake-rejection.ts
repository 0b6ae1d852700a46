import type { ErrorShape } from '@rusty-claw/protocol';

/** A failed `connect`: the error to answer with, then how to close the socket. */
export interface HandshakeRejection {
  ok: false;
  error: ErrorShape;
  closeCode: number;
  closeReason: string;
}

export function reject(error: ErrorShape, closeCode = 1008, closeReason: string = error.message): HandshakeRejection {
  return { ok: false, error, closeCode, closeReason };
}
