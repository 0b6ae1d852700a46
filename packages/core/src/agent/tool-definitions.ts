import type { LanguageModelToolDefinition, Tool } from '@rusty-claw/plugin-sdk';
import { toJSONSchema } from 'zod';
import { AgentError } from './agent-error.js';

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
const cache = new WeakMap<Tool, LanguageModelToolDefinition>();

/**
 * The tool list a model receives: name, description and the JSON Schema of the zod input schema (`io: 'input'`,
 * what the model must send). Names must be unique and match `[a-zA-Z0-9_-]{1,64}` (what every provider accepts).
 */
export function toolDefinitions(tools: readonly Tool[]): LanguageModelToolDefinition[] {
  const seen = new Set<string>();
  return tools.map((tool) => {
    if (!TOOL_NAME.test(tool.name)) throw new AgentError('AGENT_INPUT_INVALID', `tool name ${JSON.stringify(tool.name)} must match [a-zA-Z0-9_-]{1,64}`);
    if (seen.has(tool.name)) throw new AgentError('AGENT_INPUT_INVALID', `two tools are named "${tool.name}"`);
    seen.add(tool.name);
    let definition = cache.get(tool);
    if (!definition) {
      const { $schema: _schema, ...inputSchema } = toJSONSchema(tool.inputSchema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
      definition = { name: tool.name, description: tool.description, inputSchema };
      cache.set(tool, definition);
    }
    return definition;
  });
}
