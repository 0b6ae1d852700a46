// Resident memory of a process and all its descendants, from /proc (Linux only).
import { readdirSync, readFileSync } from 'node:fs';

/** Parent pid of every live process, from /proc/<pid>/stat (field 4, after the parenthesised comm). */
function parentMap(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const afterComm = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(entry), Number(afterComm[1]));
    } catch {
      // the process exited while we were reading
    }
  }
  return parents;
}

/** `pid` followed by all its live descendants. */
export function processTree(pid: number): number[] {
  const parents = parentMap();
  const tree = [pid];
  for (let i = 0; i < tree.length; i++) {
    for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  }
  return tree;
}

/** VmRSS of one process in bytes, or 0 when it is gone (or a zombie without memory). */
export function rssBytes(pid: number): number {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match?.[1] ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

export interface TreeMemory {
  pids: number[];
  rssBytes: number;
}

/** Sum of VmRSS over the process tree rooted at `pid` (shared pages are counted once per process). */
export function processTreeRss(pid: number): TreeMemory {
  const pids = processTree(pid);
  return { pids, rssBytes: pids.reduce((sum, p) => sum + rssBytes(p), 0) };
}
