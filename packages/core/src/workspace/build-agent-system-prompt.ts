import type { BootstrapContextFile } from './bootstrap-files.js';

export interface AgentSystemPromptOptions {
  /** Replaces the opening identity paragraph. */
  base?: string;
  agentName?: string;
  workspaceDir?: string;
  contextFiles?: readonly BootstrapContextFile[];
  tools?: ReadonlyArray<{ name: string; description: string }>;
  /** IANA zone for the date line (OpenClaw's `userTimezone`). */
  timezone?: string;
  /** Appended last (e.g. group chat context). */
  extra?: string;
}

// OpenClaw sorts context files this way (agents, soul, identity, user, tools, bootstrap, memory).
const CONTEXT_FILE_ORDER = ['agents.md', 'soul.md', 'identity.md', 'user.md', 'tools.md', 'bootstrap.md', 'memory.md'];

function baseName(path: string): string {
  return (path.replaceAll('\\', '/').split('/').pop() ?? path).toLowerCase();
}

/**
 * The system prompt: an identity line, the tools, the workspace, then OpenClaw's "# Project Context" section with
 * each injected workspace file under its path (so prompts written for OpenClaw's workspace files read the same).
 */
export function buildAgentSystemPrompt(options: AgentSystemPromptOptions = {}): string {
  const lines: string[] = [
    options.base ?? `You are ${options.agentName ?? 'a personal assistant'} running inside Rusty Claw, a personal AI assistant gateway. Be helpful, accurate and concise.`,
    '',
  ];
  if (options.tools && options.tools.length > 0) {
    lines.push('## Tooling', 'Tools available in this session (call them when they help; never invent results):');
    for (const tool of options.tools) lines.push(`- ${tool.name}: ${tool.description.split('\n')[0] ?? ''}`);
    lines.push('');
  }
  if (options.timezone) lines.push('## Current Date & Time', `Time zone: ${options.timezone}`, '');
  if (options.workspaceDir) lines.push('## Workspace', `Your working directory is: ${options.workspaceDir}`, '');
  const files = [...(options.contextFiles ?? [])].sort((a, b) => {
    const rank = (path: string): number => {
      const index = CONTEXT_FILE_ORDER.indexOf(baseName(path));
      return index === -1 ? CONTEXT_FILE_ORDER.length : index;
    };
    return rank(a.path) - rank(b.path) || a.path.localeCompare(b.path);
  });
  if (files.length > 0) {
    lines.push('## Workspace Files (injected)', 'These user-editable files are loaded by Rusty Claw and included below in Project Context.', '');
    lines.push('# Project Context', '', 'The following project context files have been loaded:');
    if (files.some((file) => baseName(file.path) === 'soul.md')) {
      lines.push('If SOUL.md is present, embody its persona and tone. Avoid stiff, generic replies; follow its guidance unless higher-priority instructions override it.');
    }
    lines.push('');
    for (const file of files) lines.push(`## ${file.path}`, '', file.content.replace(/\n{3,}/g, '\n\n'), '');
  }
  if (options.extra) lines.push(options.extra, '');
  return lines.join('\n').trimEnd();
}
