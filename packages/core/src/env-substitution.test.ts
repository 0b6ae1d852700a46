import { describe, expect, test } from 'vitest';
import { envReferences, isEnvPlaceholder, substituteEnv } from './env-substitution.js';

describe('substituteEnv', () => {
  const env = { HOST: 'example.com', PORT: '443', _UNDER: 'u', EMPTY: '' };

  test.each([
    ['${HOST}', 'example.com'],
    ['https://${HOST}:${PORT}/v1', 'https://example.com:443/v1'],
    ['${_UNDER}', 'u'],
    ['$${HOST}', '${HOST}'],
    ['a $${HOST} and ${HOST}', 'a ${HOST} and example.com'],
    ['${lower}', '${lower}'],
    ['${1ABC}', '${1ABC}'],
    ['${HOST', '${HOST'],
    ['$HOST', '$HOST'],
    ['price: $5', 'price: $5'],
    ['$$', '$$'],
    ['${}', '${}'],
  ])('%s → %s', (input, output) => {
    expect(substituteEnv(input, env)).toEqual({ value: output, missing: [] });
  });

  test('walks objects and arrays, leaves keys and non-strings alone, reports missing and empty variables with paths', () => {
    const result = substituteEnv({ '${HOST}': '${HOST}', list: ['${PORT}', 5, true, null, { deep: '${NOPE}' }], e: 'x${EMPTY}y' }, env);
    expect(result.value).toEqual({ '${HOST}': 'example.com', list: ['443', 5, true, null, { deep: '${NOPE}' }], e: 'x${EMPTY}y' });
    expect(result.missing).toEqual([
      { name: 'NOPE', path: 'list[4].deep' },
      { name: 'EMPTY', path: 'e' },
    ]);
  });

  test('does not mutate its input', () => {
    const input = { a: '${HOST}' };
    substituteEnv(input, env);
    expect(input).toEqual({ a: '${HOST}' });
  });
});

test('envReferences and isEnvPlaceholder', () => {
  expect(envReferences('Bearer ${TOKEN} $${ESCAPED} ${lower} ${OTHER}')).toEqual(['TOKEN', 'OTHER']);
  expect(isEnvPlaceholder('${TOKEN}')).toBe(true);
  expect(isEnvPlaceholder(' ${TOKEN} ')).toBe(true);
  expect(isEnvPlaceholder('Bearer ${TOKEN}')).toBe(false);
  expect(isEnvPlaceholder('$${TOKEN}')).toBe(false);
  expect(isEnvPlaceholder('${TOKEN}${OTHER}')).toBe(false);
});
