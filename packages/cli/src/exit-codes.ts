/** The CLI's exit codes, documented in every `--help` epilogue and the README. */
export const ExitCodes = {
  /** The command did what it was asked. */
  ok: 0,
  /** It could not: RPC error, unreachable gateway, invalid config, refused start. */
  failure: 1,
  /** The command line itself was wrong: unknown flag, missing argument, malformed value. */
  usage: 2,
} as const;

export type ExitCode = (typeof ExitCodes)[keyof typeof ExitCodes];

export const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  failure (RPC error, gateway unreachable, invalid config, refused to start)
  2  usage error (unknown command or flag, missing or malformed argument)`;
