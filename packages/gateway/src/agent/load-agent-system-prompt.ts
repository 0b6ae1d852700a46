import type { RustyClawConfig } from '@rusty-claw/core';
import type { Logger, Tool } from '@rusty-claw/plugin-sdk';

type Core = typeof import('@rusty-claw/core');

/**
 * The system prompt of one run, built when the run starts (so edits to the workspace files apply to the next
 * message): the agent's identity line, its tools, its workspace, and the bootstrap files (`AGENTS.md`, `SOUL.md`,
 * `TOOLS.md`, `IDENTITY.md`, `USER.md`) as OpenClaw injects them, plus the caller's extra prompt.
 */
export async function loadAgentSystemPrompt(params: {
  core: Core;
  config: RustyClawConfig;
  stateDir: string;
  agentId: string;
  tools: readonly Tool[];
  extra?: string | undefined;
  logger: Logger;
}): Promise<string> {
  const { core, config, agentId } = params;
  const workspaceDir = core.resolveAgentWorkspaceDir({ config, agentId, stateDir: params.stateDir });
  const files = await core.loadWorkspaceBootstrapFiles(workspaceDir);
  const contextFiles = core.buildBootstrapContextFiles(files, {
    warn: (message) => params.logger.warn({ agentId, workspaceDir }, message),
  });
  const name = config.agents?.list?.find((agent) => agent.id.trim().toLowerCase() === agentId)?.name;
  return core.buildAgentSystemPrompt({
    ...(name === undefined ? {} : { agentName: name }),
    workspaceDir,
    contextFiles,
    tools: params.tools.map((tool) => ({ name: tool.name, description: tool.description })),
    ...(params.extra ? { extra: params.extra } : {}),
  });
}
