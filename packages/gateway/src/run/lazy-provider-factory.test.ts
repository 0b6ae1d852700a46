import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderFactory } from '@rusty-claw/core';
import { GatewayClient } from '@rusty-claw/protocol';
import { MockLanguageModel, mockResponses } from '@rusty-claw/testkit';
import { afterEach, describe, expect, it } from 'vitest';
import { lazyProviderFactory } from './lazy-provider-factory.js';
import { runGateway, type RunningGateway } from './run-gateway.js';

const silent = { write: () => true };

describe('provider factories injected into runGateway', () => {
  let running: RunningGateway | undefined;
  let stateDir: string | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
    if (stateDir) await rm(stateDir, { recursive: true, force: true });
  });

  it('lazyProviderFactory loads the provider package on the first model call, once, with the config settings', async () => {
    const model = new MockLanguageModel({ provider: 'acme', modelId: 'm1', stream: mockResponses.text('loaded') });
    const seen: unknown[] = [];
    let loads = 0;
    const factory = lazyProviderFactory(async () => {
      loads++;
      return ((settings) => {
        seen.push(settings);
        return { specificationVersion: 'v1', id: settings.id, languageModel: () => model };
      }) satisfies ProviderFactory;
    });
    const provider = factory({ id: 'acme', api: 'openai-completions', baseUrl: 'http://127.0.0.1:1/v1', models: [] });
    const handle = provider.languageModel('m1');
    expect([handle.provider, handle.modelId, loads]).toEqual(['acme', 'm1', 0]);
    await handle.stream({ prompt: [] });
    await provider.languageModel('m1').stream({ prompt: [] });
    expect(loads).toBe(1);
    expect(seen).toEqual([{ id: 'acme', api: 'openai-completions', baseUrl: 'http://127.0.0.1:1/v1', models: [] }]);
    expect(model.calls).toHaveLength(2);
  });

  it('a failed import is that call’s error and is retried on the next call', async () => {
    let attempt = 0;
    const factory = lazyProviderFactory(async () => {
      attempt++;
      if (attempt === 1) throw new Error('cannot find package');
      return (settings) => ({ specificationVersion: 'v1', id: settings.id, languageModel: () => new MockLanguageModel({ stream: mockResponses.text('ok') }) });
    });
    const model = factory({ id: 'acme', api: 'openai-completions', models: [] }).languageModel('m');
    await expect(model.stream({ prompt: [] })).rejects.toThrow('cannot find package');
    await expect(model.stream({ prompt: [] })).resolves.toHaveProperty('stream');
  });

  it('runGateway builds the model registry from the config with the injected factories: chat.send reaches the model', async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'rc-run-providers-'));
    const config = {
      models: { providers: { acme: { baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k', api: 'openai-responses', models: [{ id: 'm1', name: 'M1', contextWindow: 64_000 }] } } },
      agents: { defaults: { model: { primary: 'acme/m1' } } },
    };
    await writeFile(join(stateDir, 'rusty-claw.json'), JSON.stringify(config));
    const model = new MockLanguageModel({ provider: 'acme', modelId: 'm1', stream: mockResponses.text('through runGateway') });
    const settings: unknown[] = [];
    running = await runGateway({
      port: 0,
      stateDir,
      token: 'run-providers-token-0123456789',
      handleSignals: false,
      stdout: silent,
      stderr: silent,
      env: {},
      providers: {
        'openai-responses': (received) => {
          settings.push(received);
          return { specificationVersion: 'v1', id: received.id, languageModel: () => model };
        },
      },
    });
    const client = new GatewayClient({ url: running.url, token: 'run-providers-token-0123456789', scopes: ['operator.admin'] });
    try {
      await client.connect();
      expect(await client.request('models.list', {})).toEqual({ models: [{ id: 'm1', name: 'M1', provider: 'acme', contextWindow: 64_000 }] });
      const final = (await client.request('agent', { message: 'hello', idempotencyKey: 'run-1' }, { expectFinal: true })) as { result: { payloads: Array<{ text: string }> } };
      expect(final.result.payloads[0]?.text).toBe('through runGateway');
      expect(settings).toEqual([{ id: 'acme', api: 'openai-responses', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k', models: [{ id: 'm1', name: 'M1', contextWindow: 64_000 }] }]);
    } finally {
      await client.close();
    }
  });
});
