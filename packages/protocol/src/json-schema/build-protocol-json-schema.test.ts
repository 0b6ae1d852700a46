import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadV4Capture } from '../__fixtures__/load-fixture.js';
import * as protocol from '../index.js';
import { buildProtocolJsonSchema } from './build-protocol-json-schema.js';

const run = promisify(execFile);
const script = new URL('../../scripts/gen-json-schema.ts', import.meta.url).pathname;
const capture = loadV4Capture();

describe('buildProtocolJsonSchema', () => {
  const document = buildProtocolJsonSchema(protocol as unknown as Record<string, unknown>);
  const ajv = new Ajv({ strict: false });
  ajv.addSchema(document, 'protocol');
  const validate = (definition: string, value: unknown): boolean => {
    const check = ajv.getSchema(`protocol#/definitions/${definition}`);
    if (check === undefined) throw new Error(`no definition ${definition}`);
    return check(value) as boolean;
  };

  it('has one definition per exported schema (aliases once)', () => {
    const names = Object.keys(protocol).filter((name) => name.endsWith('Schema'));
    const aliases = ['HealthSummarySchema', 'StatusSummarySchema', 'PendingDeviceSchema'];
    expect(Object.keys(document.definitions).sort()).toEqual(names.filter((n) => !aliases.includes(n)).map((n) => n.slice(0, -6)).sort());
  });

  it('references shared schemas instead of inlining them', () => {
    expect(JSON.stringify(document.definitions['HelloOkV3'])).toContain('"$ref":"#/definitions/Snapshot"');
  });

  it('validates the captured OpenClaw frames like the zod schemas do', () => {
    expect(validate('RequestFrame', capture['healthRequestNoParams'])).toBe(true);
    expect(validate('EventFrame', capture['healthEvent'])).toBe(true);
    expect(validate('HelloOkV4', (capture['helloOk'] as { payload: unknown }).payload)).toBe(true);
    expect(validate('HelloOk', (capture['helloOk'] as { payload: unknown }).payload)).toBe(true);
    expect(validate('ConnectParams', (capture['connectSigned'] as { params: unknown }).params)).toBe(true);
    expect(validate('RequestFrame', { type: 'req', id: '1', method: 'health', extra: 1 })).toBe(false);
    expect(validate('HealthParams', { probe: true, bogus: 1 })).toBe(true);
    expect(validate('ConfigGetParams', { bogus: 1 })).toBe(false);
  });
});

describe('scripts/gen-json-schema.ts', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rc-schema-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  // Two real `node` runs of the script (slow on a loaded machine, hence the longer timeout).
  it('writes the file, and --check fails with a clear message when it is stale', { timeout: 20_000 }, async () => {
    const file = join(dir, 'protocol.schema.json');
    await run(process.execPath, [script, '--file', file]);
    expect(await readFile(file, 'utf8')).toBe(`${JSON.stringify(buildProtocolJsonSchema(protocol as unknown as Record<string, unknown>), null, 2)}\n`);
    const stale = JSON.parse(await readFile(file, 'utf8')) as { definitions: Record<string, unknown> };
    stale.definitions['TickEvent'] = {};
    await writeFile(file, JSON.stringify(stale, null, 2));
    const failure = await run(process.execPath, [script, '--check', '--file', file]).catch((error: unknown) => error as { code: number; stderr: string });
    expect(failure).toMatchObject({ code: 1 });
    expect((failure as { stderr: string }).stderr).toContain('changed definitions: TickEvent');
    expect((failure as { stderr: string }).stderr).toContain('schema:gen');
  });

  it('the committed protocol.schema.json equals what the schemas generate', async () => {
    const committed = await readFile(new URL('../../protocol.schema.json', import.meta.url), 'utf8');
    expect(committed).toBe(`${JSON.stringify(buildProtocolJsonSchema(protocol as unknown as Record<string, unknown>), null, 2)}\n`);
  });
});
