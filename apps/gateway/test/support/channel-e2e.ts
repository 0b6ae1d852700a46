// End-to-end set-up for the channel tests: the real gateway (runGateway, as the bin composes it) with the real
// channel and provider packages, pointed at their fake servers on 127.0.0.1 (a chat platform and the Anthropic
// Messages API). The only fakes are at the network edge.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChannelFactories } from '@rusty-claw/gateway';
import { runGateway, type RunningGateway } from '@rusty-claw/gateway';
import { createAnthropicFakeServer, type AnthropicFakeServer } from '@rusty-claw/testkit';
import { channelFactories } from '../../src/compose/channel-factories.js';
import { providerFactories } from '../../src/compose/provider-factories.js';

export const TOKEN = 'e2e-channels-token-0123456789abcdef';
export const ANTHROPIC_KEY = 'sk-ant-channels-e2e';
const silent = { write: () => true };

/** A scripted Anthropic turn answering with `text`. */
export function textTurn(text: string) {
  return { blocks: [{ type: 'text' as const, deltas: [text] }] };
}

/** The user texts the model got in one Messages API request. */
export function userTexts(request: unknown): string[] {
  const messages = (request as { messages?: Array<{ role: string; content: unknown }> }).messages ?? [];
  return messages
    .filter((message) => message.role === 'user')
    .map((message) =>
      typeof message.content === 'string'
        ? message.content
        : (message.content as Array<{ type: string; text?: string }>).map((part) => (part.type === 'text' ? (part.text ?? '') : '')).join(''),
    );
}

export function anthropicProvider(baseUrl: string) {
  return { baseUrl, apiKey: ANTHROPIC_KEY, api: 'anthropic-messages', models: [{ id: 'claude-sonnet-4-6', name: 'Claude Sonnet 4.6', contextWindow: 200_000 }] };
}

export interface ChannelE2e {
  stateDir: string;
  anthropic: AnthropicFakeServer;
  gateway: RunningGateway | undefined;
  start(channels: Record<string, unknown>, overrides?: ChannelFactories): Promise<RunningGateway>;
  close(): Promise<void>;
}

/** A state dir, the fake Anthropic API, and `start()` for a gateway configured with the given channel blocks. */
export async function channelE2e(): Promise<ChannelE2e> {
  const stateDir = await mkdtemp(join(tmpdir(), 'rc-app-channels-'));
  const anthropic = createAnthropicFakeServer({ apiKey: ANTHROPIC_KEY });
  const baseUrl = await anthropic.start();
  const env: ChannelE2e = {
    stateDir,
    anthropic,
    gateway: undefined,
    async start(channels, overrides = {}) {
      const config = {
        models: { providers: { anthropic: anthropicProvider(baseUrl) } },
        agents: { defaults: { model: { primary: 'anthropic/claude-sonnet-4-6' }, workspace: join(stateDir, 'workspace') } },
        channels,
      };
      await writeFile(join(stateDir, 'rusty-claw.json'), JSON.stringify(config));
      env.gateway = await runGateway({
        port: 0,
        stateDir,
        token: TOKEN,
        handleSignals: false,
        stdout: silent,
        stderr: silent,
        env: {},
        providers: providerFactories(),
        channels: { ...channelFactories(), ...overrides },
      });
      return env.gateway;
    },
    async close() {
      await env.gateway?.close();
      await anthropic.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
  return env;
}

export async function waitFor<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
