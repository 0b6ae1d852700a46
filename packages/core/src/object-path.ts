// Dotted config paths: `gateway.auth.token`, `agents.list[0].id`, `models.providers["my.host"].apiKey`.

export type PathSegment = string | number;

const PLAIN_KEY = /^[A-Za-z_$][\w$-]*$/;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Keys that would reach an object's prototype; never read or written through a path. */
export function isBlockedKey(key: PathSegment): boolean {
  return key === '__proto__' || key === 'prototype' || key === 'constructor';
}

/** Formats segments as a dotted path (numbers as `[i]`, odd keys as `["k"]`); the root is "". */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (PLAIN_KEY.test(segment)) out += out === '' ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Parses a dotted path into segments; throws TypeError on malformed input. */
export function parsePath(path: string | readonly PathSegment[]): PathSegment[] {
  if (typeof path !== 'string') return [...path];
  const segments: PathSegment[] = [];
  let i = 0;
  const fail = (why: string): never => {
    throw new TypeError(`invalid config path ${JSON.stringify(path)}: ${why}`);
  };
  while (i < path.length) {
    const char = path[i];
    if (char === '[') {
      const close = path.indexOf(']', i);
      if (close === -1) fail('unclosed [');
      const inner = path.slice(i + 1, close);
      if (/^\d+$/.test(inner)) segments.push(Number(inner));
      else if (inner.startsWith('"')) {
        try {
          const key: unknown = JSON.parse(inner);
          if (typeof key !== 'string') fail('bracket key must be a string');
          segments.push(key as string);
        } catch {
          fail('bad quoted key');
        }
      } else fail('bracket needs an index or a quoted key');
      i = close + 1;
      if (path[i] === '.') i += 1;
      continue;
    }
    let end = i;
    while (end < path.length && path[end] !== '.' && path[end] !== '[') end += 1;
    const key = path.slice(i, end);
    if (key === '') fail('empty key');
    segments.push(key);
    i = end;
    if (path[i] === '.') {
      i += 1;
      if (i === path.length) fail('trailing dot');
    }
  }
  return segments;
}

function checkSegments(segments: readonly PathSegment[]): void {
  for (const segment of segments) if (isBlockedKey(segment)) throw new TypeError(`config path segment "${String(segment)}" is not allowed`);
}

/** The value at `path`, or undefined when any step is missing. */
export function getAtPath(root: unknown, path: string | readonly PathSegment[]): unknown {
  const segments = parsePath(path);
  checkSegments(segments);
  let current: unknown = root;
  for (const segment of segments) {
    if (Array.isArray(current) && typeof segment === 'number') current = current[segment];
    else if (isPlainObject(current) && typeof segment === 'string' && Object.hasOwn(current, segment)) current = current[segment];
    else return undefined;
  }
  return current;
}

/**
 * Returns a copy of `root` with `value` at `path` (the input is not mutated). Missing objects are
 * created; a number segment indexes an existing array (or appends at its length).
 */
export function setAtPath<T>(root: T, path: string | readonly PathSegment[], value: unknown): T {
  const segments = parsePath(path);
  checkSegments(segments);
  if (segments.length === 0) return value as T;
  return setIn(root, segments, 0, value) as T;
}

function setIn(node: unknown, segments: readonly PathSegment[], index: number, value: unknown): unknown {
  const segment = segments[index] as PathSegment;
  const last = index === segments.length - 1;
  if (typeof segment === 'number') {
    if (!Array.isArray(node)) throw new TypeError(`cannot index [${segment}] at ${formatPath(segments.slice(0, index)) || '<root>'}: not an array`);
    if (segment > node.length) throw new TypeError(`index [${segment}] is past the end of ${formatPath(segments.slice(0, index))}`);
    const copy = [...node];
    copy[segment] = last ? value : setIn(node[segment], segments, index + 1, value);
    return copy;
  }
  const base = node === undefined ? {} : node;
  if (!isPlainObject(base)) throw new TypeError(`cannot set "${segment}" at ${formatPath(segments.slice(0, index)) || '<root>'}: not an object`);
  return { ...base, [segment]: last ? value : setIn(base[segment], segments, index + 1, value) };
}

/** Returns a copy of `root` without the value at `path` (array items are spliced out). */
export function unsetAtPath<T>(root: T, path: string | readonly PathSegment[]): T {
  const segments = parsePath(path);
  checkSegments(segments);
  if (segments.length === 0) throw new TypeError('cannot unset the root');
  return unsetIn(root, segments, 0) as T;
}

function unsetIn(node: unknown, segments: readonly PathSegment[], index: number): unknown {
  const segment = segments[index] as PathSegment;
  const last = index === segments.length - 1;
  if (Array.isArray(node) && typeof segment === 'number') {
    if (segment >= node.length) return node;
    const copy = [...node];
    if (last) copy.splice(segment, 1);
    else copy[segment] = unsetIn(node[segment], segments, index + 1);
    return copy;
  }
  if (!isPlainObject(node) || typeof segment !== 'string' || !Object.hasOwn(node, segment)) return node;
  if (!last) return { ...node, [segment]: unsetIn(node[segment], segments, index + 1) };
  const { [segment]: _removed, ...rest } = node;
  return rest;
}
