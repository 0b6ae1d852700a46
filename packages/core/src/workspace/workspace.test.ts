import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { makeTempDir } from '../testing/temp-dir.js';
import { validateConfig } from '../validate-config.js';
import { buildBootstrapContextFiles, loadWorkspaceBootstrapFiles, MAX_BOOTSTRAP_FILE_BYTES } from './bootstrap-files.js';
import { buildAgentSystemPrompt } from './build-agent-system-prompt.js';
import { resolveAgentWorkspaceDir, resolveDefaultAgentId } from './resolve-agent-workspace.js';

describe('workspace bootstrap files', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let workspace: string;
  beforeEach(async () => {
    temp = await makeTempDir();
    workspace = join(temp.dir, 'workspace');
    await mkdir(workspace);
  });
  afterEach(() => temp.cleanup());

  test('reads the five files in OpenClaw order; absent, oversized and escaping files count as missing', async () => {
    await writeFile(join(workspace, 'AGENTS.md'), '# Rules\nBe brief.\n\n\n\n');
    await writeFile(join(workspace, 'SOUL.md'), 'Warm and dry.');
    await writeFile(join(temp.dir, 'secret.txt'), 'do not leak');
    await symlink(join(temp.dir, 'secret.txt'), join(workspace, 'USER.md'));
    await writeFile(join(workspace, 'IDENTITY.md'), 'x'.repeat(MAX_BOOTSTRAP_FILE_BYTES + 1));
    const files = await loadWorkspaceBootstrapFiles(workspace);
    expect(files.map((file) => [file.name, file.missing, file.reason])).toEqual([
      ['AGENTS.md', false, undefined],
      ['SOUL.md', false, undefined],
      ['TOOLS.md', true, 'not-found'],
      ['IDENTITY.md', true, 'too-large'],
      ['USER.md', true, 'outside-workspace'],
    ]);
    const context = buildBootstrapContextFiles(files);
    expect(context.map((file) => file.content)).toEqual([
      '# Rules\nBe brief.',
      'Warm and dry.',
      `[MISSING] Expected at: ${join(workspace, 'TOOLS.md')}`,
      `[MISSING] Expected at: ${join(workspace, 'IDENTITY.md')}`,
      `[MISSING] Expected at: ${join(workspace, 'USER.md')}`,
    ]);
    expect(context.map((file) => file.content).join('')).not.toContain('do not leak');
  });

  test('a missing workspace yields missing markers, not an error', async () => {
    const files = await loadWorkspaceBootstrapFiles(join(temp.dir, 'nope'));
    expect(files.every((file) => file.missing)).toBe(true);
  });

  test('per-file cap keeps head and tail around a marker; the total cap stops adding files', () => {
    const big = `${'H'.repeat(20_000)}${'T'.repeat(5_000)}`;
    const warnings: string[] = [];
    const [first] = buildBootstrapContextFiles([{ name: 'AGENTS.md', path: '/w/AGENTS.md', content: big, missing: false }], { warn: (message) => warnings.push(message) });
    expect(first?.content.length).toBeLessThanOrEqual(12_000);
    expect(first?.content.startsWith('HHHH')).toBe(true);
    expect(first?.content.endsWith('TTTT')).toBe(true);
    expect(first?.content).toContain('[...truncated, read AGENTS.md for full content...]');
    expect(first?.content).toMatch(/…\(truncated AGENTS\.md: kept \d+\+\d+ chars of 25000\)…/);
    expect(warnings[0]).toMatch(/AGENTS\.md is 25000 chars \(limit 12000\)/);

    const many = Array.from({ length: 7 }, (_, index) => ({ name: `F${index}.md`, path: `/w/F${index}.md`, content: 'x'.repeat(11_000), missing: false }));
    const capped = buildBootstrapContextFiles(many);
    expect(capped.reduce((sum, file) => sum + file.content.length, 0)).toBeLessThanOrEqual(60_000);
    expect(capped).toHaveLength(6);
  });
});

describe('buildAgentSystemPrompt', () => {
  test('puts tools, workspace and the Project Context (sorted like OpenClaw) into the prompt', () => {
    const prompt = buildAgentSystemPrompt({
      agentName: 'Claw',
      workspaceDir: '/w',
      tools: [{ name: 'clock', description: 'Current time\nmore' }],
      contextFiles: [
        { path: '/w/USER.md', content: 'Ada' },
        { path: '/w/SOUL.md', content: 'Warm.' },
        { path: '/w/AGENTS.md', content: 'Rules.' },
      ],
    });
    expect(prompt).toContain('You are Claw running inside Rusty Claw');
    expect(prompt).toContain('## Tooling\nTools available in this session (call them when they help; never invent results):\n- clock: Current time\n');
    expect(prompt).toContain('# Project Context\n\nThe following project context files have been loaded:\nIf SOUL.md is present, embody its persona and tone.');
    expect(prompt.indexOf('## /w/AGENTS.md')).toBeLessThan(prompt.indexOf('## /w/SOUL.md'));
    expect(prompt.indexOf('## /w/SOUL.md')).toBeLessThan(prompt.indexOf('## /w/USER.md'));
    expect(prompt.endsWith('## /w/USER.md\n\nAda')).toBe(true);
  });
});

describe('resolveAgentWorkspaceDir', () => {
  test('agent entry, then defaults (default agent only), then <stateDir>/workspace[-<id>]; ~ expands', () => {
    const config = validateConfig({
      agents: { defaults: { workspace: '~/claw' }, list: [{ id: 'ops', default: true }, { id: 'Research', workspace: '/srv/research' }, { id: 'other' }] },
    }).config;
    expect(resolveDefaultAgentId(config)).toBe('ops');
    expect(resolveAgentWorkspaceDir({ config, agentId: 'ops', stateDir: '/state', home: '/home/u' })).toBe('/home/u/claw');
    expect(resolveAgentWorkspaceDir({ config, agentId: 'research', stateDir: '/state', home: '/home/u' })).toBe('/srv/research');
    expect(resolveAgentWorkspaceDir({ config, agentId: 'other', stateDir: '/state', home: '/home/u' })).toBe('/state/workspace-other');
    expect(resolveAgentWorkspaceDir({ config: {}, agentId: 'main', stateDir: '/state' })).toBe('/state/workspace');
  });
});
