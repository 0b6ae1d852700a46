import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ConfigError } from '@rusty-claw/plugin-sdk';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadConfig } from './load-config.js';
import { deepMergeIncluded } from './resolve-includes.js';
import { makeTempDir } from './testing/temp-dir.js';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let outside: Awaited<ReturnType<typeof makeTempDir>>;
beforeEach(async () => {
  temp = await makeTempDir();
  outside = await makeTempDir();
});
afterEach(async () => {
  await temp.cleanup();
  await outside.cleanup();
});

async function loadMain(text: string, env: Record<string, string> = {}) {
  const path = await temp.write('rusty-claw.json', text);
  return loadConfig({ path, env });
}

async function includeError(text: string): Promise<ConfigError> {
  const error = await loadMain(text).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!ConfigError.isInstance(error)) throw new Error(`expected a ConfigError, got ${String(error)}`);
  return error;
}

describe('$include', () => {
  test('a single include replaces the object; siblings merge over it; arrays of includes deep-merge in order', async () => {
    await mkdir(join(temp.dir, 'parts'));
    await temp.write('parts/gateway.json5', '{port: 18800, auth: {token: "${GW_TOKEN}", rateLimit: {maxAttempts: 3}}}');
    await temp.write('parts/agents-a.json5', '{list: [{id: "a"}], defaults: {workspace: "/a", thinkingDefault: "low"}}');
    await temp.write('parts/agents-b.json5', '{list: [{id: "b"}], defaults: {workspace: "/b"}}');
    const loaded = await loadMain(
      `{
        gateway: {$include: "./parts/gateway.json5", auth: {rateLimit: {windowMs: 1000}}},
        agents: {$include: ["parts/agents-a.json5", "parts/agents-b.json5"]},
      }`,
      { GW_TOKEN: 'from-env-123456' },
    );
    expect(loaded.parsed).toEqual({
      gateway: { port: 18800, auth: { token: '${GW_TOKEN}', rateLimit: { maxAttempts: 3, windowMs: 1000 } } },
      agents: { list: [{ id: 'a' }, { id: 'b' }], defaults: { workspace: '/b', thinkingDefault: 'low' } },
    });
    expect(loaded.config.gateway.auth).toMatchObject({ token: 'from-env-123456', rateLimit: { maxAttempts: 3, windowMs: 1000, lockoutMs: 300000 } });
  });

  test('includes nest relative to the including file', async () => {
    await mkdir(join(temp.dir, 'a/b'), { recursive: true });
    await temp.write('a/level1.json5', '{gateway: {$include: "./b/level2.json5"}}');
    await temp.write('a/b/level2.json5', '{port: 19000}');
    const loaded = await loadMain('{$include: "./a/level1.json5"}');
    expect(loaded.config.gateway.port).toBe(19000);
  });

  test('an include that leaves the config directory with .. is rejected', async () => {
    await outside.write('evil.json5', '{gateway: {port: 1}}');
    const error = await includeError(`{$include: ${JSON.stringify(join('..', outside.dir.split('/').at(-1) ?? '', 'evil.json5'))}}`);
    expect(error.code).toBe('CONFIG_INCLUDE');
    expect(error.message).toContain('escapes the config directory');
    expect(error.issues[0]?.path).toBe('$include');
  });

  test('an absolute include outside the config directory is rejected', async () => {
    const evil = await outside.write('evil.json5', '{}');
    expect((await includeError(`{gateway: {$include: ${JSON.stringify(evil)}}}`)).issues[0]).toMatchObject({
      path: 'gateway.$include',
      message: expect.stringContaining('escapes the config directory'),
    });
  });

  test('an absolute include inside the config directory is allowed', async () => {
    const inside = await temp.write('inside.json5', '{port: 18801}');
    expect((await loadMain(`{gateway: {$include: ${JSON.stringify(inside)}}}`)).config.gateway.port).toBe(18801);
  });

  test('a symlink that escapes the config directory is rejected', async () => {
    const evil = await outside.write('secret.json5', '{port: 2}');
    await symlink(evil, join(temp.dir, 'innocent.json5'));
    const error = await includeError('{gateway: {$include: "./innocent.json5"}}');
    expect(error.message).toContain('outside the config directory through a symlink');
  });

  test('a cycle is detected and shown as a chain', async () => {
    await temp.write('a.json5', '{$include: "./b.json5"}');
    await temp.write('b.json5', '{$include: "./a.json5"}');
    const error = await includeError('{gateway: {$include: "./a.json5"}}');
    expect(error.message).toMatch(/circular include: .*a\.json5 -> .*b\.json5 -> .*a\.json5/);
  });

  test('a file including itself is a cycle', async () => {
    const error = await includeError('{gateway: {$include: "./rusty-claw.json"}}');
    expect(error.message).toContain('circular include');
  });

  test('nesting deeper than 10 levels is rejected', async () => {
    for (let i = 0; i < 12; i += 1) await temp.write(`n${i}.json5`, `{$include: "./n${i + 1}.json5"}`);
    await temp.write('n12.json5', '{}');
    expect((await includeError('{gateway: {$include: "./n0.json5"}}')).message).toContain('deeper than 10 levels');
  });

  test('missing files, bad values, parse errors and non-object content with siblings are ConfigErrors', async () => {
    expect((await includeError('{gateway: {$include: "./nope.json5"}}')).message).toContain('not found');
    expect((await includeError('{gateway: {$include: 42}}')).message).toContain('expected a path or an array of paths');
    expect((await includeError('{gateway: {$include: ["./x", 1]}}')).message).toContain('array items must be paths');
    await temp.write('broken.json5', '{port: }');
    const parse = await includeError('{gateway: {$include: "./broken.json5"}}');
    expect(parse.code).toBe('CONFIG_PARSE');
    expect(parse.message).toContain('broken.json5');
    await temp.write('list.json5', '[1]');
    expect((await includeError('{gateway: {$include: "./list.json5", port: 1}}')).message).toContain('sibling keys need the included content to be an object');
  });
});

test('deepMergeIncluded: objects merge, arrays concatenate, later scalars win, prototype keys are ignored', () => {
  const merged = deepMergeIncluded({ a: { x: 1, list: [1] }, b: 1 }, JSON.parse('{"a": {"y": 2, "list": [2]}, "b": 2, "__proto__": {"polluted": true}}'));
  expect(merged).toEqual({ a: { x: 1, y: 2, list: [1, 2] }, b: 2 });
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
});

test('includes must hold JSON5 text the same way as the main file', async () => {
  await writeFile(join(temp.dir, 'comments.json5'), '// comment\n{port: 18802, /* inline */}');
  expect((await loadMain('{gateway: {$include: "comments.json5"}}')).config.gateway.port).toBe(18802);
});
