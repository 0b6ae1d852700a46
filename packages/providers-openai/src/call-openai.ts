import type { LanguageModelCallOptions } from '@rusty-claw/plugin-sdk';
import type { OpenAI } from 'openai';
import { type ErrorContext, mapOpenAIError } from './map-openai-error.js';

interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

/**
 * Runs the part of a call that happens before the first stream event (client creation, HTTP status) and turns
 * its failures into `ProviderError`. An abort is not a provider failure: it rejects with the signal's reason.
 */
export async function callOpenAI<T>(
  client: () => Promise<OpenAI>,
  send: (client: OpenAI, options: RequestOptions) => Promise<{ data: T; response: Response }>,
  options: LanguageModelCallOptions,
  context: ErrorContext,
): Promise<{ data: T; headers: Record<string, string> }> {
  const sdk = await client();
  const requestOptions: RequestOptions = {
    ...(options.abortSignal ? { signal: options.abortSignal } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  };
  try {
    const { data, response } = await send(sdk, requestOptions);
    return { data, headers: Object.fromEntries(response.headers) };
  } catch (error) {
    if (options.abortSignal?.aborted) throw options.abortSignal.reason;
    throw mapOpenAIError(error, context);
  }
}
