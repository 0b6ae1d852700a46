import { configJsonSchema } from '@rusty-claw/core';
import type { CommandContext } from '../cli-deps.js';
import { ExitCodes } from '../exit-codes.js';
import { reportError } from '../report-error.js';

/** `config schema`: the JSON Schema of the config file (for editors: point `$schema` at a saved copy). */
export async function configSchemaCommand(context: CommandContext): Promise<number> {
  try {
    context.stdout.write(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
    return ExitCodes.ok;
  } catch (error) {
    return reportError(error, context);
  }
}
