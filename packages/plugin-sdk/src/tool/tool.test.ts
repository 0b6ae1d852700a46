import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { silentLogger } from '../logger/logger.js';
import { defineTool } from './tool.js';

describe('defineTool', () => {
  test('infers the input type from the schema and validates with it', async () => {
    const add = defineTool({
      name: 'add',
      description: 'Adds two numbers',
      inputSchema: z.object({ a: z.number(), b: z.number() }),
      execute: async ({ a, b }) => String(a + b),
    });
    const parsed = add.inputSchema.safeParse({ a: 1, b: 'x' });
    expect(parsed.success).toBe(false);
    const context = { signal: new AbortController().signal, sessionKey: 'agent:main:main', toolCallId: 't1', logger: silentLogger };
    await expect(add.execute(add.inputSchema.parse({ a: 2, b: 3 }), context)).resolves.toBe('5');
  });
});
