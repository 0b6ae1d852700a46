import type { LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';

/**
 * Checks the lifecycle rules of `LanguageModelStreamPart`: each text/reasoning/tool-input block opens once, grows
 * only while open and closes once; a `tool-call` follows the end of its `tool-input-*` block when there was one;
 * nothing follows `finish` or `error`. Returns human-readable problems (empty when the stream is well formed), so
 * a failing test says which rule broke.
 */
export function findStreamPartProblems(parts: readonly LanguageModelStreamPart[]): string[] {
  const problems: string[] = [];
  const open = new Map<string, string>();
  const closed = new Set<string>();
  const endedToolInputs = new Set<string>();
  const startedToolInputs = new Set<string>();
  parts.forEach((part, index) => {
    const at = `part ${index} (${part.type})`;
    if (index > 0) {
      const previous = parts[index - 1];
      if (previous?.type === 'finish' || previous?.type === 'error') problems.push(`${at} comes after ${previous.type}`);
    }
    const [family, phase] = splitType(part.type);
    if (family === undefined || !('id' in part)) {
      if (part.type === 'tool-call' && startedToolInputs.has(part.toolCallId) && !endedToolInputs.has(part.toolCallId)) {
        problems.push(`${at}: tool-call ${part.toolCallId} before its tool-input-end`);
      }
      return;
    }
    const key = `${family}:${part.id}`;
    if (phase === 'start') {
      if (open.has(key) || closed.has(key)) problems.push(`${at}: ${family} ${part.id} started twice`);
      open.set(key, family);
      if (family === 'tool-input') startedToolInputs.add(part.id);
    } else if (!open.has(key)) {
      problems.push(`${at}: ${family} ${part.id} ${phase} without an open ${family}-start`);
    } else if (phase === 'end') {
      open.delete(key);
      closed.add(key);
      if (family === 'tool-input') endedToolInputs.add(part.id);
    }
  });
  const last = parts.at(-1);
  if (last?.type === 'finish' && open.size > 0) problems.push(`finish with blocks still open: ${[...open.keys()].join(', ')}`);
  if (parts.filter((part) => part.type === 'finish').length > 1) problems.push('more than one finish part');
  return problems;
}

function splitType(type: LanguageModelStreamPart['type']): [string | undefined, string | undefined] {
  const match = /^(text|reasoning|tool-input)-(start|delta|end)$/.exec(type);
  return match ? [match[1], match[2]] : [undefined, undefined];
}
