import { createInterface } from 'node:readline';
import { RuntimeMethodNames, type ChatHistoryParams, type SessionsDeleteParams, type SessionsListParams } from '@rusty-claw/protocol';
import type { CommandContext } from '../cli-deps.js';
import { CliUsageError } from '../cli-usage-error.js';
import { callGateway } from '../connection/call-gateway.js';
import type { ConnectionOptions } from '../connection/resolve-gateway-connection.js';
import { ExitCodes } from '../exit-codes.js';
import { formatSessionList } from '../render/format-session-list.js';
import { formatTranscript } from '../render/format-transcript.js';
import { asArray, asBoolean, asRecord } from '../render/read-fields.js';
import { runRpcCommand, writeJson, writeLines } from './run-rpc-command.js';
import { resetSession } from './session-admin.js';

export interface SessionsListOptions extends ConnectionOptions {
  limit?: number;
}

/** `sessions list [--limit]`: RPC `sessions.list` (operator.read), newest first as the gateway orders them. */
export async function sessionsListCommand(options: SessionsListOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params: SessionsListParams = options.limit !== undefined ? { limit: options.limit } : {};
    const result = await callGateway(connection, { method: RuntimeMethodNames.SessionsList, params, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatSessionList(result.payload));
    return ExitCodes.ok;
  });
}

export interface SessionsShowOptions extends ConnectionOptions {
  key: string;
  limit?: number;
}

/** `sessions show <key> [--limit]`: RPC `chat.history` (operator.read) rendered as a transcript. */
export async function sessionsShowCommand(options: SessionsShowOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const params: ChatHistoryParams = { sessionKey: options.key, ...(options.limit !== undefined ? { limit: options.limit } : {}) };
    const result = await callGateway(connection, { method: RuntimeMethodNames.ChatHistory, params, version: context.version });
    if (options.json === true) writeJson(context, result.payload);
    else writeLines(context, formatTranscript(result.payload));
    return ExitCodes.ok;
  });
}

export interface SessionsResetOptions extends ConnectionOptions {
  key: string;
}

/** `sessions reset <key>`: RPC `sessions.reset {reason:"reset"}` (operator.admin); the old transcript is archived. */
export async function sessionsResetCommand(options: SessionsResetOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    const { payload, sessionId } = await resetSession(connection, { key: options.key, reason: 'reset', version: context.version });
    if (options.json === true) writeJson(context, payload);
    else context.stdout.write(`Reset session ${options.key}${sessionId ? ` (new session id ${sessionId})` : ''}; the previous transcript was archived.\n`);
    return ExitCodes.ok;
  });
}

export interface SessionsDeleteOptions extends ConnectionOptions {
  key: string;
  /** Skip the confirmation. Required when stdin is not a terminal. */
  yes?: boolean;
}

/**
 * `sessions delete <key> [--yes]`: RPC `sessions.delete` (operator.admin). Asks first on a terminal;
 * without one it refuses (exit 2) unless `--yes`, so a script never deletes by accident.
 */
export async function sessionsDeleteCommand(options: SessionsDeleteOptions, context: CommandContext): Promise<number> {
  return runRpcCommand(options, context, async (connection) => {
    if (options.yes !== true) {
      const stdin = context.stdin ?? process.stdin;
      if (stdin.isTTY !== true) throw new CliUsageError(`refusing to delete session ${options.key} without --yes (stdin is not a terminal to confirm on)`);
      if (!(await confirm(`Delete session ${options.key}? (its transcript is archived) [y/N] `, stdin, context))) {
        context.stderr.write('Not deleted.\n');
        return ExitCodes.failure;
      }
    }
    const params: SessionsDeleteParams = { key: options.key };
    const result = await callGateway(connection, { method: RuntimeMethodNames.SessionsDelete, params, version: context.version });
    if (options.json === true) {
      writeJson(context, result.payload);
      return ExitCodes.ok;
    }
    const payload = asRecord(result.payload);
    if (asBoolean(payload?.deleted) === false) {
      context.stdout.write(`No session ${options.key} to delete.\n`);
      return ExitCodes.ok;
    }
    const archived = asArray(payload?.archived).filter((path): path is string => typeof path === 'string');
    context.stdout.write(`Deleted session ${options.key}.${archived.length > 0 ? ` Transcript archived: ${archived.join(', ')}` : ''}\n`);
    return ExitCodes.ok;
  });
}

/** One line from the terminal; end of input counts as "no". */
async function confirm(question: string, input: NodeJS.ReadableStream, context: CommandContext): Promise<boolean> {
  const rl = createInterface({ input, terminal: false });
  context.stderr.write(question);
  const answer = await new Promise<string>((resolve) => {
    rl.once('line', resolve);
    rl.once('close', () => resolve(''));
  });
  rl.close();
  return /^y(es)?$/i.test(answer.trim());
}
