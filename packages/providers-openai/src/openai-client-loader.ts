import { LoadSecretError } from '@rusty-claw/plugin-sdk';
import type { OpenAI } from 'openai';

/** Connection settings shared by `createOpenAI`, `createOpenRouter` and `createOllama`. */
export interface OpenAIConnectionSettings {
  /** API key. When absent, the provider's environment variable is read at the first call (not at creation). */
  apiKey?: string;
  /** Base URL including the version path, e.g. `https://api.openai.com/v1`. */
  baseURL?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` implementation, e.g. the gateway's SSRF-guarded or proxied fetch. */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout in milliseconds (SDK default: 10 minutes). */
  timeoutMs?: number;
  /** SDK-level retries. Default 0: retrying and failing over is the agent runtime's job, and it must see every error. */
  maxRetries?: number;
}

export interface ClientLoaderOptions {
  providerName: string;
  defaultBaseURL: string;
  apiKeyEnvVar: string;
  /** Sent when no key is configured, for servers that need none (Ollama). Absent: a missing key is an error. */
  placeholderApiKey?: string;
  organization?: string;
  project?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * Builds the `openai` client on first use. The SDK is imported dynamically so that loading this package (for
 * example on the gateway start path, to register the provider) costs nothing until a model is called.
 */
export function createOpenAIClientLoader(
  settings: OpenAIConnectionSettings,
  options: ClientLoaderOptions,
): () => Promise<OpenAI> {
  let client: Promise<OpenAI> | undefined;
  return () => {
    // Resolve the key on every call until a client exists: a key set after startup is picked up.
    if (client) return client;
    const env = options.env ?? process.env;
    const apiKey = settings.apiKey ?? nonEmpty(env[options.apiKeyEnvVar]) ?? options.placeholderApiKey;
    if (apiKey === undefined) {
      return Promise.reject(
        new LoadSecretError(
          `${options.providerName} API key is missing. Pass \`apiKey\` to the provider settings, ` +
            `or set the ${options.apiKeyEnvVar} environment variable.`,
        ),
      );
    }
    client = import('openai').then(
      ({ OpenAI }) =>
        new OpenAI({
          apiKey,
          // Explicit values (null = none) so the SDK never falls back to OPENAI_* variables meant for another provider.
          baseURL: settings.baseURL ?? options.defaultBaseURL,
          organization: options.organization ?? null,
          project: options.project ?? null,
          adminAPIKey: null,
          webhookSecret: null,
          maxRetries: settings.maxRetries ?? 0,
          ...(settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }),
          ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
          ...(settings.headers === undefined ? {} : { defaultHeaders: settings.headers }),
          // Everything the SDK would log (e.g. a malformed SSE line) reaches the caller as a typed error instead.
          logLevel: 'off',
        }),
    );
    client.catch(() => {
      client = undefined;
    });
    return client;
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
