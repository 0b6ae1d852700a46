import { randomUUID } from 'node:crypto';

const prefix = 'gcall_';

/**
 * Gemini function calls usually carry no id (newer models may), yet our tool results are matched to calls by id.
 * An invented id is stable for its response (`gcall_<responseId>_<n>`: the same stream always yields the same ids)
 * and recognisable, so it is never sent back to Gemini as if Gemini had issued it.
 */
export function synthesizeToolCallId(responseId: string | undefined, index: number): string {
  return `${prefix}${responseId ?? randomUUID()}_${index}`;
}

export function isSynthesizedToolCallId(id: string): boolean {
  return id.startsWith(prefix);
}
