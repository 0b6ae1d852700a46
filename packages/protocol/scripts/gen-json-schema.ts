// Writes packages/protocol/protocol.schema.json from the zod schemas (`schema:gen`), or, with
// `--check`, regenerates it in memory and exits 1 when the committed file differs (`schema:check`).
// Runs on plain Node 24 (type stripping). The sources import each other with `.js` suffixes (NodeNext
// style) while the files on disk are `.ts`; the resolve hook below maps one to the other.
import { readFile, writeFile } from 'node:fs/promises';
import { registerHooks } from 'node:module';

registerHooks({
  resolve(specifier, context, nextResolve) {
    try {
      return nextResolve(specifier, context);
    } catch (error) {
      if (!specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
      return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
    }
  },
});

// `--file <path>` writes/checks another file (used by the script's own test).
const fileFlag = process.argv.indexOf('--file');
const target = fileFlag === -1 ? new URL('../protocol.schema.json', import.meta.url) : new URL(process.argv[fileFlag + 1] ?? '', `file://${process.cwd()}/`);
const protocol = (await import(new URL('../src/index.ts', import.meta.url).href)) as Record<string, unknown>;
const { buildProtocolJsonSchema } = (await import(new URL('../src/json-schema/build-protocol-json-schema.ts', import.meta.url).href)) as {
  buildProtocolJsonSchema: (exports: Record<string, unknown>) => { definitions: Record<string, unknown> };
};

const generated = buildProtocolJsonSchema(protocol);
const text = `${JSON.stringify(generated, null, 2)}\n`;

if (!process.argv.includes('--check')) {
  await writeFile(target, text);
  console.log(`wrote ${target.pathname} (${Object.keys(generated.definitions).length} definitions)`);
} else {
  let committed: string | undefined;
  try {
    committed = await readFile(target, 'utf8');
  } catch {
    committed = undefined;
  }
  if (committed === text) {
    console.log(`protocol.schema.json is up to date (${Object.keys(generated.definitions).length} definitions)`);
  } else {
    const old = committed === undefined ? {} : ((JSON.parse(committed) as { definitions?: Record<string, unknown> }).definitions ?? {});
    const changed = [...new Set([...Object.keys(old), ...Object.keys(generated.definitions)])].filter(
      (id) => JSON.stringify(old[id]) !== JSON.stringify(generated.definitions[id]),
    );
    console.error(
      committed === undefined
        ? 'protocol.schema.json is missing.'
        : `protocol.schema.json is stale; changed definitions: ${changed.length > 0 ? changed.join(', ') : '(formatting or header only)'}.`,
    );
    console.error('Regenerate it with: pnpm --filter @rusty-claw/protocol schema:gen');
    process.exitCode = 1;
  }
}
