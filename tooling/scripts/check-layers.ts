// Fails when a workspace package depends on one above it in the layer table, or when the
// workspace dependency graph has a cycle. Run by `pnpm lint` and so by CI.
//   L0 protocol, plugin-sdk        (plugin-sdk may use protocol)
//   L1 core; testkit (dev only, never core)
//   L2 adapters: providers-*, channels-*, tools-*, voice, plugins-wasm
//   L3 gateway, cli
//   L4 apps/* (and tooling/compat, the private conformance + bench package)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

type Manifest = { name: string; dependencies?: Record<string, string>; devDependencies?: Record<string, string>; peerDependencies?: Record<string, string> };

const root = new URL('../..', import.meta.url).pathname;
const scope = '@rusty-claw/';

function short(name: string): string {
  return name.startsWith(scope) ? name.slice(scope.length) : name;
}

function isAdapter(name: string): boolean {
  return /^(providers|channels|tools)-/.test(name) || name === 'voice' || name === 'plugins-wasm';
}

/** Which workspace packages `from` may depend on at run time. */
function allowed(from: string, to: string, isApp: boolean): boolean {
  if (isApp) return true;
  if (to === 'testkit') return false; // only ever a devDependency
  switch (true) {
    case from === 'protocol':
      return false;
    case from === 'plugin-sdk':
      return to === 'protocol';
    case from === 'core':
    case from === 'testkit':
      return to === 'protocol' || to === 'plugin-sdk';
    case isAdapter(from):
      return to === 'protocol' || to === 'plugin-sdk' || to === 'core';
    case from === 'gateway':
    case from === 'cli':
      return to === 'protocol' || to === 'plugin-sdk' || to === 'core';
    case from === 'tsconfig':
      return false;
    default:
      return false; // an unknown package must be placed in the table first
  }
}

const manifests: Array<{ manifest: Manifest; isApp: boolean; dir: string }> = [];
for (const group of ['packages', 'apps', 'tooling']) {
  const base = join(root, group);
  if (!existsSync(base)) continue;
  for (const entry of readdirSync(base)) {
    const file = join(base, entry, 'package.json');
    if (!existsSync(file)) continue;
    manifests.push({ manifest: JSON.parse(readFileSync(file, 'utf8')) as Manifest, isApp: group === 'apps' || entry === 'compat', dir: `${group}/${entry}` });
  }
}

const workspace = new Set(manifests.map((m) => m.manifest.name));
const problems: string[] = [];
const edges = new Map<string, string[]>();

for (const { manifest, isApp, dir } of manifests) {
  const from = short(manifest.name);
  const runtime = { ...manifest.dependencies, ...manifest.peerDependencies };
  const all = { ...runtime, ...manifest.devDependencies };
  edges.set(manifest.name, Object.keys(all).filter((d) => workspace.has(d)));
  for (const dep of Object.keys(runtime)) {
    if (!workspace.has(dep)) continue;
    if (!allowed(from, short(dep), isApp)) problems.push(`${dir}: depends on ${dep}, which is not below it in the layer table`);
  }
  for (const dep of Object.keys(manifest.devDependencies ?? {})) {
    if (!workspace.has(dep) || short(dep) === 'testkit') continue;
    // An adapter may test itself end to end through the real gateway (channels-webchat serves its page from it).
    // Never the reverse: the gateway receives adapters from apps/gateway, and the cycle check below still runs.
    if (isAdapter(from) && short(dep) === 'gateway') continue;
    if (!allowed(from, short(dep), isApp)) problems.push(`${dir}: devDependency on ${dep} points up the layers`);
  }
  if (from === 'testkit' && Object.keys(all).includes(`${scope}core`)) problems.push(`${dir}: testkit must never depend on core`);
}

// Cycle detection over all workspace edges (dev ones included: a dev cycle still breaks builds).
const state = new Map<string, 'visiting' | 'done'>();
function visit(node: string, path: string[]): void {
  if (state.get(node) === 'done') return;
  if (state.get(node) === 'visiting') {
    problems.push(`cycle: ${[...path.slice(path.indexOf(node)), node].join(' -> ')}`);
    return;
  }
  state.set(node, 'visiting');
  for (const next of edges.get(node) ?? []) visit(next, [...path, node]);
  state.set(node, 'done');
}
for (const name of edges.keys()) visit(name, []);

if (problems.length > 0) {
  console.error(`check-layers: ${problems.length} problem(s)`);
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(`check-layers: ${manifests.length} packages, dependencies flow one way, no cycles`);
