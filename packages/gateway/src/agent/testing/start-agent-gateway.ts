import type { LanguageModel, Tool } from '@rusty-claw/plugin-sdk';
import { GatewayClient, type EventFrame } from '@rusty-claw/protocol';
import { MockLanguageModel, type MockLanguageModelOptions } from '@rusty-claw/testkit';
import type { AgentRuntimePolicy } from '../agent-runtime-policy.js';
import { startTestGateway, TEST_TOKEN, type TestGateway } from '../../test-support/test-gateway.js';

/** A model per ref (`provider/model`), reached through one fake provider factory per api. */
export type TestModels = Record<string, LanguageModel>;

export interface AgentGateway {
  gateway: TestGateway;
  /** Connects a `GatewayClient` (token auth, CLI mode) that records every event. */
  client(options?: { scopes?: string[]; caps?: string[]; maxProtocol?: number; minProtocol?: number }): Promise<RecordingClient>;
  close(): Promise<void>;
}

export interface RecordingClient {
  client: GatewayClient;
  events: EventFrame[];
  /** Resolves with the first recorded event (past or future) matching `predicate`. */
  waitForEvent(predicate: (event: EventFrame) => boolean, timeoutMs?: number): Promise<EventFrame>;
  chatEvents(runId: string): Array<Record<string, unknown>>;
}

/**
 * A real gateway on 127.0.0.1:0 whose models are contract fakes (`MockLanguageModel`, or any `LanguageModel`):
 * the config declares `mock/<id>` models served by an injected provider factory, exactly how apps inject the real
 * provider packages. The default agent's model is the first ref, the rest are its fallbacks.
 */
export async function startAgentGateway(options: {
  models: TestModels;
  tools?: Tool[];
  agentRuntime?: Partial<AgentRuntimePolicy>;
  configInput?: Record<string, unknown>;
}): Promise<AgentGateway> {
  const refs = Object.keys(options.models);
  const byProvider = new Map<string, string[]>();
  for (const ref of refs) {
    const [provider = '', model = ''] = [ref.slice(0, ref.indexOf('/')), ref.slice(ref.indexOf('/') + 1)];
    byProvider.set(provider, [...(byProvider.get(provider) ?? []), model]);
  }
  const providers = Object.fromEntries(
    [...byProvider].map(([id, models]) => [id, { baseUrl: 'http://127.0.0.1:9', api: 'openai-completions', models: models.map((model) => ({ id: model, name: model, contextWindow: 100_000 })) }]),
  );
  const gateway = await startTestGateway({
    configInput: { models: { providers }, agents: { defaults: { model: { primary: refs[0], fallbacks: refs.slice(1) } } }, ...options.configInput },
    providers: {
      'openai-completions': (settings) => ({
        specificationVersion: 'v1',
        id: settings.id,
        languageModel: (modelId: string) => {
          const model = options.models[`${settings.id}/${modelId}`];
          if (!model) throw new Error(`no test model ${settings.id}/${modelId}`);
          return model;
        },
      }),
    },
    ...(options.tools ? { tools: options.tools } : {}),
    ...(options.agentRuntime ? { agentRuntime: options.agentRuntime } : {}),
  });
  const clients: GatewayClient[] = [];
  return {
    gateway,
    async client(clientOptions = {}) {
      const events: EventFrame[] = [];
      const listeners = new Set<() => void>();
      const client = new GatewayClient({
        url: gateway.url,
        token: TEST_TOKEN,
        scopes: clientOptions.scopes ?? ['operator.admin'],
        caps: clientOptions.caps ?? [],
        ...(clientOptions.maxProtocol === undefined ? {} : { maxProtocol: clientOptions.maxProtocol }),
        ...(clientOptions.minProtocol === undefined ? {} : { minProtocol: clientOptions.minProtocol }),
        onEvent: (event) => {
          events.push(event);
          for (const listener of listeners) listener();
        },
      });
      clients.push(client);
      await client.connect();
      return {
        client,
        events,
        waitForEvent(predicate, timeoutMs = 5_000) {
          const found = events.find(predicate);
          if (found) return Promise.resolve(found);
          return new Promise((resolve, reject) => {
            const timer = setTimeout(() => {
              listeners.delete(check);
              reject(new Error(`no matching event within ${timeoutMs} ms; got ${events.map((event) => event.event).join(', ')}`));
            }, timeoutMs);
            const check = (): void => {
              const match = events.find(predicate);
              if (!match) return;
              clearTimeout(timer);
              listeners.delete(check);
              resolve(match);
            };
            listeners.add(check);
          });
        },
        chatEvents: (runId) =>
          events.filter((event) => event.event === 'chat' && (event.payload as { runId?: unknown }).runId === runId).map((event) => event.payload as Record<string, unknown>),
      };
    },
    async close() {
      for (const client of clients) await client.close();
      await gateway.close();
    },
  };
}

/** A scripted model for one ref. */
export function mockModel(options: MockLanguageModelOptions): MockLanguageModel {
  return new MockLanguageModel(options);
}

/** A terminal chat event of `runId` (final, error or aborted). */
export function isTerminalChat(runId: string): (event: EventFrame) => boolean {
  return (event) => {
    if (event.event !== 'chat') return false;
    const payload = event.payload as { runId?: unknown; state?: unknown };
    return payload.runId === runId && (payload.state === 'final' || payload.state === 'error' || payload.state === 'aborted');
  };
}
