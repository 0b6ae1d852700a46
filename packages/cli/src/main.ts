import { CommanderError, type Command } from 'commander';
import { resolveCommandContext, type CliDeps } from './cli-deps.js';
import { createGatewayProgram, createProgram, type ProgramState } from './build-program.js';
import { ExitCodes } from './exit-codes.js';
import { reportError } from './report-error.js';

/**
 * Runs `rusty-claw <argv>` and resolves to its exit code (0 ok, 1 failure, 2 usage error). `argv` is
 * the user arguments only (`process.argv.slice(2)`). Never calls `process.exit`: the app does.
 */
export async function main(argv: readonly string[], deps: CliDeps): Promise<number> {
  return run(createProgram(deps), argv, deps);
}

/** Runs `rusty-claw-gateway <argv>`: `gateway run`'s flags at the root. */
export async function gatewayMain(argv: readonly string[], deps: CliDeps): Promise<number> {
  return run(createGatewayProgram(deps), argv, deps);
}

async function run({ program, state }: { program: Command; state: ProgramState }, argv: readonly string[], deps: CliDeps): Promise<number> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version "fail" with exit code 0; every other commander error is a usage error,
      // including a bare `rusty-claw` or `rusty-claw gateway` (help shown on stderr).
      return error.exitCode === 0 ? ExitCodes.ok : ExitCodes.usage;
    }
    // Commands report their own errors; this is the safety net for a bug that escaped one.
    const context = resolveCommandContext(deps);
    return reportError(error, context);
  }
}
