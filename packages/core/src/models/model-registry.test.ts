import type { Provider } from '@rusty-claw/plugin-sdk';
import { MockLanguageModel } from '@rusty-claw/testkit';
import { describe, expect, test } from 'vitest';
import { validateConfig } from '../validate-config.js';
import { ModelError } from './model-error.js';
import { ModelHealth } from './model-health.js';
import { ModelRegistry, type ProviderFactory, type ProviderFactorySettings } from './model-registry.js';
import { formatModelRef, parseModelRef } from './model-ref.js';

function recordingFactory(created: ProviderFactorySettings[]): ProviderFactory {
  return (settings) => {
    created.push(settings);
    const provider: Provider = {
      specificationVersion: 'v1',
      id: settings.id,
      languageModel: (modelId) => new MockLanguageModel({ provider: settings.id, modelId }),
    };
    return provider;
  };
}

describe('model refs', () => {
  test.each([
    ['anthropic/claude-sonnet-4-5', { provider: 'anthropic', model: 'claude-sonnet-4-5' }],
    [' OpenRouter/anthropic/claude-3.5 ', { provider: 'openrouter', model: 'anthropic/claude-3.5' }],
    ['gpt-5.5', { provider: 'openai', model: 'gpt-5.5' }],
  ])('%j', (raw, expected) => {
    expect(parseModelRef(raw)).toEqual(expected);
    expect(parseModelRef(formatModelRef(expected))).toEqual(expected);
  });

  test.each(['', '  ', '/model', 'provider/'])('%j is a typed error', (raw) => {
    expect(() => parseModelRef(raw)).toThrow(expect.objectContaining({ code: 'MODEL_REF_INVALID' }));
  });
});

describe('ModelRegistry', () => {
  const config = validateConfig({
    models: {
      providers: {
        anthropic: { baseUrl: 'http://127.0.0.1:9/anthropic', apiKey: 'sk-ant', api: 'anthropic-messages', models: [{ id: 'claude-x', name: 'Claude X', contextWindow: 200_000, maxTokens: 64_000, reasoning: true, input: ['text', 'image'] }] },
        'My-Proxy': { baseUrl: 'http://127.0.0.1:9/v1', headers: { 'x-team': 'a' }, models: [{ id: 'llama', name: 'Llama', contextWindow: 8_192 }] },
      },
    },
    agents: { defaults: { model: { primary: 'anthropic/claude-x', fallbacks: ['openai/gpt-5.5', 'my-proxy/llama'] } } },
  }).config;

  test('builds providers through the factory of their api, once, with their settings', () => {
    const created: ProviderFactorySettings[] = [];
    const registry = ModelRegistry.fromConfig(config, {
      factories: { 'anthropic-messages': recordingFactory(created), 'openai-completions': recordingFactory(created), 'openai-responses': recordingFactory(created) },
    });
    const claude = registry.resolve('anthropic/claude-x');
    expect(claude).toMatchObject({ ref: 'anthropic/claude-x', provider: 'anthropic', modelId: 'claude-x', api: 'anthropic-messages', contextWindow: 200_000, maxOutputTokens: 64_000, reasoning: true, input: ['text', 'image'] });
    expect(claude.model.modelId).toBe('claude-x');
    registry.resolve('anthropic/other');
    expect(registry.resolve('my-proxy/llama')).toMatchObject({ api: 'openai-completions', contextWindow: 8_192, input: ['text'] });
    expect(registry.resolve('openai/gpt-5.5')).toMatchObject({ api: 'openai-responses', contextWindow: 200_000 });
    expect(created).toEqual([
      { id: 'anthropic', api: 'anthropic-messages', baseUrl: 'http://127.0.0.1:9/anthropic', apiKey: 'sk-ant', models: [expect.objectContaining({ id: 'claude-x' })] },
      { id: 'my-proxy', api: 'openai-completions', baseUrl: 'http://127.0.0.1:9/v1', headers: { 'x-team': 'a' }, models: [expect.objectContaining({ id: 'llama' })] },
      { id: 'openai', api: 'openai-responses', models: [] },
    ]);
  });

  test('lists configured models and the refs the agents use, with context windows', () => {
    const registry = ModelRegistry.fromConfig(config, { factories: {} });
    expect(registry.listModels()).toEqual([
      { ref: 'anthropic/claude-x', id: 'claude-x', name: 'Claude X', provider: 'anthropic', contextWindow: 200_000, maxOutputTokens: 64_000, reasoning: true, input: ['text', 'image'], configured: true },
      { ref: 'my-proxy/llama', id: 'llama', name: 'Llama', provider: 'my-proxy', contextWindow: 8_192, input: ['text'], configured: true },
      { ref: 'openai/gpt-5.5', id: 'gpt-5.5', name: 'gpt-5.5', provider: 'openai', contextWindow: 200_000, input: ['text'], configured: false },
    ]);
  });

  test('unknown providers and apis without a factory are typed config errors', () => {
    const registry = ModelRegistry.fromConfig(config, { factories: {} });
    expect(() => registry.resolve('nobody/x')).toThrow(/unknown model provider "nobody": add models.providers.nobody/);
    const error = (() => {
      try {
        registry.resolve('anthropic/claude-x');
      } catch (caught) {
        return caught;
      }
      return undefined;
    })();
    expect(ModelError.isInstance(error) && error.code).toBe('MODEL_API_UNSUPPORTED');
  });
});

describe('ModelHealth', () => {
  test('cooldowns step up (30 s, 1 min, 5 min) unless the provider says when to retry; success clears them', () => {
    let now = 0;
    const health = new ModelHealth({ now: () => now });
    expect(health.coolDown('a/b', 'overloaded').until).toBe(30_000);
    expect(health.coolDown('a/b', 'overloaded').until).toBe(60_000);
    expect(health.coolDown('a/b', 'overloaded').until).toBe(300_000);
    expect(health.coolDown('a/b', 'rate_limit', 1_500)).toMatchObject({ until: 1_500, failures: 4 });
    now = 1_500;
    expect(health.cooldown('a/b')).toBeUndefined();
    health.recordSuccess('a/b');
    expect(health.coolDown('a/b', 'timeout').until).toBe(31_500);
  });
});
