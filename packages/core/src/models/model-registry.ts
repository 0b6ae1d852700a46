import type { LanguageModel, Provider } from '@rusty-claw/plugin-sdk';
import type { MODEL_APIS, RustyClawConfig } from '../config-schema.js';
import { ModelError } from './model-error.js';
import { ModelHealth } from './model-health.js';
import { formatModelRef, parseModelRef, type ModelRef } from './model-ref.js';

/** OpenClaw's `models.providers.<id>.api` values. */
export type ModelApi = (typeof MODEL_APIS)[number];

/** One entry of `models.providers.<id>.models[]`. */
export interface ConfiguredModel {
  id: string;
  name?: string;
  reasoning?: boolean;
  input?: Array<'text' | 'image' | 'video' | 'audio'>;
  contextWindow?: number;
  maxTokens?: number;
}

/** `models.providers.<id>` with secrets resolved. */
export interface ProviderConfig {
  baseUrl?: string;
  apiKey?: string;
  api?: ModelApi;
  headers?: Record<string, string>;
  models?: ConfiguredModel[];
}

/** What a provider factory receives: the provider's config, with the `api` it was chosen by. */
export interface ProviderFactorySettings {
  /** Provider id as used in refs (`anthropic`, `openrouter`, `my-proxy`). */
  id: string;
  api: ModelApi;
  baseUrl?: string;
  apiKey?: string;
  headers?: Record<string, string>;
  models: ConfiguredModel[];
}

/** Builds a `Provider` (from a provider package) for one configured provider. Injected by the composition root. */
export type ProviderFactory = (settings: ProviderFactorySettings) => Provider;

/** The `api` used for a provider that the config does not list, or lists without `api` (OpenClaw's built-ins). */
export const BUILTIN_PROVIDER_APIS: Readonly<Record<string, ModelApi>> = {
  anthropic: 'anthropic-messages',
  openai: 'openai-responses',
  google: 'google-generative-ai',
  openrouter: 'openai-completions',
  ollama: 'ollama',
};

/** OpenClaw's `DEFAULT_CONTEXT_TOKENS`: assumed when neither the config nor the provider names a context window. */
export const DEFAULT_CONTEXT_WINDOW = 200_000;

export interface ResolvedModel {
  /** `provider/model`. */
  ref: string;
  provider: string;
  modelId: string;
  api: ModelApi;
  model: LanguageModel;
  contextWindow: number;
  maxOutputTokens?: number;
  reasoning?: boolean;
  input: Array<'text' | 'image'>;
}

/** A row of `models.list` (OpenClaw's ModelChoice plus the ref and limits). */
export interface ModelListEntry {
  ref: string;
  id: string;
  name: string;
  provider: string;
  contextWindow: number;
  maxOutputTokens?: number;
  reasoning?: boolean;
  input: Array<'text' | 'image'>;
  /** Whether `models.providers` lists this model (otherwise it comes from `agents.*.model`). */
  configured: boolean;
}

export interface ModelRegistryOptions {
  /** `models.providers` (secrets resolved). */
  providers?: Record<string, ProviderConfig>;
  /** Provider factories keyed by `api`. */
  factories: Partial<Record<ModelApi, ProviderFactory>>;
  /** Extra refs to list (the configured primary and fallbacks). */
  extraRefs?: string[];
  health?: ModelHealth;
  defaultContextWindow?: number;
}

/**
 * Turns `provider/model` refs into `LanguageModel`s. Providers come from `models.providers` and OpenClaw's
 * built-in ids, and are built by injected factories keyed by `api`, so core never imports a provider SDK.
 * Providers are created on first use and cached. One registry per loaded config; its `health` (cooldowns,
 * bad profiles) lives as long as it does.
 */
export class ModelRegistry {
  readonly health: ModelHealth;
  readonly #providers: Map<string, ProviderConfig>;
  readonly #factories: Partial<Record<ModelApi, ProviderFactory>>;
  readonly #instances = new Map<string, Provider>();
  readonly #extraRefs: string[];
  readonly #defaultContextWindow: number;

  constructor(options: ModelRegistryOptions) {
    this.#providers = new Map(Object.entries(options.providers ?? {}).map(([id, config]) => [id.trim().toLowerCase(), config]));
    this.#factories = options.factories;
    this.#extraRefs = options.extraRefs ?? [];
    this.health = options.health ?? new ModelHealth();
    this.#defaultContextWindow = options.defaultContextWindow ?? DEFAULT_CONTEXT_WINDOW;
  }

  /** A registry for a loaded config: `models.providers` plus the refs of `agents.defaults.model` and `agents.list[].model`. */
  static fromConfig(config: Pick<RustyClawConfig, 'models' | 'agents'>, options: Omit<ModelRegistryOptions, 'providers' | 'extraRefs'>): ModelRegistry {
    const refs: string[] = [];
    for (const model of [config.agents?.defaults?.model, ...(config.agents?.list ?? []).map((agent) => agent.model)]) {
      if (typeof model === 'string') refs.push(model);
      else if (model) refs.push(...(model.primary ? [model.primary] : []), ...(model.fallbacks ?? []));
    }
    return new ModelRegistry({ ...options, providers: (config.models?.providers ?? {}) as Record<string, ProviderConfig>, extraRefs: refs });
  }

  /** The `api` a provider id speaks: its config's `api`, else the built-in one, else OpenAI Chat Completions. */
  apiOf(providerId: string): ModelApi {
    const id = providerId.toLowerCase();
    return this.#providers.get(id)?.api ?? BUILTIN_PROVIDER_APIS[id] ?? 'openai-completions';
  }

  /** The provider for `id`, built by the factory of its `api` on first use. */
  provider(providerId: string): Provider {
    const id = providerId.trim().toLowerCase();
    const cached = this.#instances.get(id);
    if (cached) return cached;
    const config = this.#providers.get(id);
    if (!config && BUILTIN_PROVIDER_APIS[id] === undefined) {
      const known = [...new Set([...this.#providers.keys(), ...Object.keys(BUILTIN_PROVIDER_APIS)])].sort().join(', ');
      throw new ModelError('MODEL_PROVIDER_UNKNOWN', `unknown model provider "${id}": add models.providers.${id} to the config (known: ${known})`);
    }
    const api = this.apiOf(id);
    const factory = this.#factories[api];
    if (!factory) {
      throw new ModelError('MODEL_API_UNSUPPORTED', `no provider package handles api "${api}" (provider "${id}"); supported: ${Object.keys(this.#factories).sort().join(', ') || 'none'}`);
    }
    const provider = factory({
      id,
      api,
      models: config?.models ?? [],
      ...(config?.baseUrl === undefined ? {} : { baseUrl: config.baseUrl }),
      ...(config?.apiKey === undefined ? {} : { apiKey: config.apiKey }),
      ...(config?.headers === undefined ? {} : { headers: config.headers }),
    });
    this.#instances.set(id, provider);
    return provider;
  }

  /** Resolves a ref (`provider/model`, or a bare model id for the default provider) to a model and its limits. */
  resolve(ref: string | ModelRef): ResolvedModel {
    const parsed = typeof ref === 'string' ? parseModelRef(ref) : ref;
    const configured = this.#configuredModel(parsed);
    const model = this.provider(parsed.provider).languageModel(parsed.model);
    return {
      ref: formatModelRef(parsed),
      provider: parsed.provider,
      modelId: parsed.model,
      api: this.apiOf(parsed.provider),
      model,
      contextWindow: configured?.contextWindow ?? this.#defaultContextWindow,
      ...(configured?.maxTokens === undefined ? {} : { maxOutputTokens: configured.maxTokens }),
      ...(configured?.reasoning === undefined ? {} : { reasoning: configured.reasoning }),
      input: textAndImage(configured?.input),
    };
  }

  /** Configured models (`models.providers.*.models[]`) and the refs the agents use, with context windows. */
  listModels(): ModelListEntry[] {
    const entries = new Map<string, ModelListEntry>();
    for (const [provider, config] of this.#providers) {
      for (const model of config.models ?? []) {
        const ref = formatModelRef({ provider, model: model.id });
        entries.set(ref, {
          ref,
          id: model.id,
          name: model.name ?? model.id,
          provider,
          contextWindow: model.contextWindow ?? this.#defaultContextWindow,
          ...(model.maxTokens === undefined ? {} : { maxOutputTokens: model.maxTokens }),
          ...(model.reasoning === undefined ? {} : { reasoning: model.reasoning }),
          input: textAndImage(model.input),
          configured: true,
        });
      }
    }
    for (const raw of this.#extraRefs) {
      let parsed: ModelRef;
      try {
        parsed = parseModelRef(raw);
      } catch {
        continue;
      }
      const ref = formatModelRef(parsed);
      if (!entries.has(ref)) {
        entries.set(ref, { ref, id: parsed.model, name: parsed.model, provider: parsed.provider, contextWindow: this.#defaultContextWindow, input: ['text'], configured: false });
      }
    }
    return [...entries.values()];
  }

  #configuredModel(ref: ModelRef): ConfiguredModel | undefined {
    return this.#providers.get(ref.provider)?.models?.find((model) => model.id === ref.model);
  }
}

function textAndImage(input: ConfiguredModel['input']): Array<'text' | 'image'> {
  const kinds = (input ?? ['text']).filter((kind): kind is 'text' | 'image' => kind === 'text' || kind === 'image');
  return kinds.length > 0 ? kinds : ['text'];
}
