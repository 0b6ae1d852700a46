import { LoadSecretError } from '@rusty-claw/plugin-sdk';
import type { GoogleGenAI } from '@google/genai';

export interface GoogleConnectionSettings {
  /** Gemini API key. When absent, `GEMINI_API_KEY` (then `GOOGLE_API_KEY`) is read at the first call. */
  apiKey?: string;
  /** Origin of the Gemini API (`httpOptions.baseUrl`), without the version path. */
  baseURL?: string;
  /**
   * API version path segment. Default `v1beta`: the `@google/genai` 3.x SDK defaults to `v1`, but thinking config,
   * thought signatures, `parametersJsonSchema` tools and the newest (preview) models are served on `v1beta` first,
   * and `v1` rejects the fields it does not know with 400 INVALID_ARGUMENT.
   */
  apiVersion?: string;
  /** Extra headers sent with every request. */
  headers?: Record<string, string>;
  /** A `fetch` implementation, e.g. the gateway's SSRF-guarded or proxied fetch. */
  fetch?: typeof globalThis.fetch;
  /** Per-request timeout in milliseconds (also sent to Google as `X-Server-Timeout`). */
  timeoutMs?: number;
}

export const defaultGoogleBaseURL = 'https://generativelanguage.googleapis.com';
export const defaultGoogleApiVersion = 'v1beta';

/**
 * Builds the `@google/genai` client on first use: the SDK is a 1.2 MB module, imported only when a model is called,
 * so registering the provider costs nothing on the gateway start path. Retries stay off (the SDK's default): the
 * agent runtime retries and fails over, and must see every error.
 */
export function createGoogleClientLoader(
  settings: GoogleConnectionSettings,
  env: NodeJS.ProcessEnv = process.env,
): () => Promise<GoogleGenAI> {
  let client: Promise<GoogleGenAI> | undefined;
  return () => {
    if (client) return client;
    const apiKey = settings.apiKey ?? nonEmpty(env['GEMINI_API_KEY']) ?? nonEmpty(env['GOOGLE_API_KEY']);
    if (apiKey === undefined) {
      return Promise.reject(
        new LoadSecretError(
          'Google Gemini API key is missing. Pass `apiKey` to createGoogle(), or set the GEMINI_API_KEY ' +
            '(or GOOGLE_API_KEY) environment variable.',
        ),
      );
    }
    client = import('@google/genai').then(
      ({ GoogleGenAI }) =>
        new GoogleGenAI({
          apiKey,
          // Explicit, so GOOGLE_GENAI_USE_VERTEXAI or GOOGLE_GEMINI_BASE_URL in the environment cannot redirect calls.
          vertexai: false,
          apiVersion: settings.apiVersion ?? defaultGoogleApiVersion,
          httpOptions: {
            baseUrl: settings.baseURL ?? defaultGoogleBaseURL,
            ...(settings.headers === undefined ? {} : { headers: settings.headers }),
            ...(settings.fetch === undefined ? {} : { fetch: settings.fetch }),
            ...(settings.timeoutMs === undefined ? {} : { timeout: settings.timeoutMs }),
          },
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
