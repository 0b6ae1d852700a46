// A real gateway on 127.0.0.1:0 whose models are served by the real Anthropic provider package talking to the
// testkit's fake Anthropic Messages server: the only fake is at the network edge (the LLM API).
import { EventEmitter } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { main, type RunGateway } from '@rusty-claw/cli';
import { validateConfig } from '@rusty-claw/core';
import { createGateway, type Gateway } from '@rusty-claw/gateway';
import { silentLogger } from '@rusty-claw/plugin-sdk';
import { createAnthropic } from '@rusty-claw/providers-anthropic';
import { anthropicBlockChunks, anthropicMessageStart, createAnthropicFakeServer, type AnthropicFakeServer, type FakeResponse } from '@rusty-claw/testkit';

export const AGENT_TOKEN = 'agent-e2e-token-0123456789abcdef';
const API_KEY = 'sk-ant-e2e-test';

export class OutputCapture {
  text = '';
  write(chunk: string): boolean {
    this.text += chunk;
    return true;
  }
}

export interface AgentGateway {
  url: string;
  stateDir: string;
  fake: AnthropicFakeServer;
  /** `rusty-claw <argv> --url … --token …` in process. */
  cli(argv: string[], io?: CliIo): Promise<CliRun>;
  /** Starts `cli()` without awaiting it, for tests that interact while it runs. */
  spawn(argv: string[], io?: CliIo): RunningCli;
  close(): Promise<void>;
}

export interface CliIo {
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  signals?: EventEmitter;
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunningCli {
  stdout: OutputCapture;
  stderr: OutputCapture;
  done: Promise<CliRun>;
}

const unusedRunGateway: RunGateway = async () => {
  throw new Error('gateway run is not exercised here');
};

export async function startAgentGateway(): Promise<AgentGateway> {
  const fake = createAnthropicFakeServer({ apiKey: API_KEY });
  const baseUrl = await fake.start();
  const stateDir = await mkdtemp(join(tmpdir(), 'rc-cli-agent-e2e-'));
  const { config } = validateConfig({
    models: {
      providers: {
        anthropic: {
          baseUrl,
          apiKey: API_KEY,
          api: 'anthropic-messages',
          models: [
            { id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.6', contextWindow: 200_000, reasoning: true },
            { id: 'claude-opus-5', name: 'Claude Opus 5', contextWindow: 500_000 },
          ],
        },
      },
    },
    agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' }, workspace: join(stateDir, 'workspace') } },
  });
  const gateway: Gateway = createGateway({
    config,
    configPath: join(stateDir, 'rusty-claw.json'),
    stateDir,
    host: '127.0.0.1',
    port: 0,
    auth: { mode: 'token', token: AGENT_TOKEN },
    logger: silentLogger,
    // As an app wires it: the provider package behind the api the config names.
    providers: {
      'anthropic-messages': (settings) =>
        createAnthropic({ id: settings.id, ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}), ...(settings.apiKey ? { apiKey: settings.apiKey } : {}) }),
    },
  });
  const { url } = await gateway.listen();

  const spawn = (argv: string[], io: CliIo = {}): RunningCli => {
    const stdout = new OutputCapture();
    const stderr = new OutputCapture();
    const done = main([...argv, '--url', url, '--token', AGENT_TOKEN], {
      runGateway: unusedRunGateway,
      version: '0.1.0-agent-e2e',
      stdout,
      stderr,
      env: { HOME: stateDir, RUSTY_CLAW_STATE_DIR: stateDir },
      // A stdin that is neither piped nor a terminal would hang a test: default to an ended stream.
      stdin: io.stdin ?? endedStdin(),
      signals: io.signals ?? new EventEmitter(),
    }).then((code) => ({ code, stdout: stdout.text, stderr: stderr.text }));
    return { stdout, stderr, done };
  };

  return {
    url,
    stateDir,
    fake,
    spawn,
    cli: (argv, io) => spawn(argv, io).done,
    async close() {
      await gateway.close('tests finished');
      await fake.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** A scripted reply streamed in pieces. */
export function textTurn(...deltas: string[]) {
  return { blocks: [{ type: 'text' as const, deltas }] };
}

/** A reply that starts streaming `deltas` and then stays open (no end): only an abort ends it. */
export function endlessTurn(...deltas: string[]): FakeResponse {
  const [start = '', ...rest] = anthropicBlockChunks({ type: 'text', deltas }, 0);
  // Drop content_block_stop: the message is still being generated.
  return { type: 'sse', chunks: [anthropicMessageStart({}), start, ...rest.slice(0, -1)], holdOpen: true };
}

/** A stdin stand-in: a terminal (for the REPL and confirmations) or a pipe. */
export function inputStream(options: { tty: boolean }): PassThrough & { isTTY?: boolean } {
  const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (options.tty) stream.isTTY = true;
  return stream;
}

function endedStdin(): PassThrough {
  const stream = new PassThrough();
  stream.end();
  return stream;
}

/** The text of the user messages a fake Messages API request carried. */
export function userTexts(request: unknown): string[] {
  const messages = (request as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
  return messages
    .filter((message) => message.role === 'user')
    .flatMap((message) =>
      typeof message.content === 'string'
        ? [message.content]
        : (message.content as Array<{ type: string; text?: string }>).filter((block) => block.type === 'text').map((block) => block.text ?? ''),
    );
}
