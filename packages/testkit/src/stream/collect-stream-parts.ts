import type { LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';

/** Reads a stream to its end. Rejects if the stream errors (parts read so far are on `error.parts`). */
export async function collectStreamParts(stream: ReadableStream<LanguageModelStreamPart>): Promise<LanguageModelStreamPart[]> {
  const parts: LanguageModelStreamPart[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return parts;
      parts.push(value);
    }
  } catch (error) {
    if (typeof error === 'object' && error !== null) Object.assign(error, { parts });
    throw error;
  } finally {
    reader.releaseLock();
  }
}
