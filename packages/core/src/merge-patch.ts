import { isBlockedKey, isPlainObject } from './object-path.js';

export interface MergePatchOptions {
  /**
   * OpenClaw's `config.patch` extension: when both sides are arrays of objects with string `id`s, entries
   * merge by id (new ids append) instead of the patch array replacing the whole list.
   */
  mergeObjectArraysById?: boolean;
}

function hasStringId(value: unknown): value is Record<string, unknown> & { id: string } {
  return isPlainObject(value) && typeof value['id'] === 'string' && value['id'] !== '';
}

function mergeById(base: unknown[], patch: unknown[], options: MergePatchOptions): unknown[] | undefined {
  if (!base.every(hasStringId)) return undefined;
  const merged: unknown[] = [...base];
  const indexById = new Map(base.map((entry, index) => [entry.id, index]));
  for (const entry of patch) {
    if (!hasStringId(entry)) {
      merged.push(structuredClone(entry));
      continue;
    }
    const index = indexById.get(entry.id);
    if (index === undefined) {
      indexById.set(entry.id, merged.length);
      merged.push(structuredClone(entry));
    } else merged[index] = applyMergePatch(merged[index], entry, options);
  }
  return merged;
}

/**
 * JSON Merge Patch (RFC 7396): objects merge recursively, `null` deletes a key, anything else (arrays
 * included) replaces. Returns a new value; neither input is mutated. Prototype keys are ignored.
 */
export function applyMergePatch(target: unknown, patch: unknown, options: MergePatchOptions = {}): unknown {
  if (!isPlainObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (isBlockedKey(key)) continue;
    if (value === null) {
      delete result[key];
      continue;
    }
    const current = result[key];
    if (options.mergeObjectArraysById === true && Array.isArray(current) && Array.isArray(value)) {
      const merged = mergeById(current, value, options);
      if (merged !== undefined) {
        result[key] = merged;
        continue;
      }
    }
    result[key] = applyMergePatch(current, value, options);
  }
  return result;
}
