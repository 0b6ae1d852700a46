import { TestkitError } from '../testkit-error.js';

export interface CompiledRoute {
  key: string;
  method: string;
  pattern: RegExp;
  paramNames: string[];
}

const paramName = /^[A-Za-z_][A-Za-z0-9_]*/;

/**
 * Turns `"POST /v1/models/:model\\:streamGenerateContent"` into a matcher. `:name` captures one path segment up to
 * the next `/` or literal text; `\\:` is a literal colon (Google's `model:method` URLs); `*` matches the rest.
 * Hand-written instead of path-to-regexp: the syntax is this small and the fake should not pull dependencies.
 */
export function compileRoute(key: string): CompiledRoute {
  const match = /^([A-Z]+) (\/\S*)$/.exec(key);
  if (!match) {
    throw new TestkitError(`fake route key "${key}" must look like "METHOD /path" (e.g. "POST /v1/messages")`);
  }
  const method = match[1] as string;
  const path = match[2] as string;
  const paramNames: string[] = [];
  let source = '';
  for (let index = 0; index < path.length; ) {
    const char = path[index] as string;
    if (char === '\\' && path[index + 1] !== undefined) {
      source += escapeRegExp(path[index + 1] as string);
      index += 2;
    } else if (char === ':') {
      const name = paramName.exec(path.slice(index + 1))?.[0];
      if (name === undefined) throw new TestkitError(`fake route "${key}": ":" must start a parameter name (use "\\\\:" for a literal colon)`);
      paramNames.push(name);
      source += '([^/]+?)';
      index += 1 + name.length;
    } else if (char === '*') {
      source += '(.*)';
      paramNames.push(String(paramNames.length));
      index += 1;
    } else {
      source += escapeRegExp(char);
      index += 1;
    }
  }
  return { key, method, pattern: new RegExp(`^${source}$`), paramNames };
}

export function matchRoute(route: CompiledRoute, method: string, path: string): Record<string, string> | undefined {
  if (route.method !== method) return undefined;
  const match = route.pattern.exec(path);
  if (!match) return undefined;
  const params: Record<string, string> = {};
  route.paramNames.forEach((name, index) => {
    params[name] = decodeURIComponent(match[index + 1] ?? '');
  });
  return params;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
