import type { LanguageModel, LanguageModelCallOptions, LanguageModelStreamResult } from '@rusty-claw/plugin-sdk';
import type { GenerateContentConfig, GenerateContentParameters, GoogleGenAI, ToolConfig } from '@google/genai';
import { convertToGeminiContents } from './convert-to-gemini-contents.js';
import { readGoogleProviderOptions } from './google-provider-options.js';
import { toGeminiThinkingConfig, type GeminiThinkingConfig } from './google-thinking.js';
import { mapGeminiStream } from './map-gemini-stream.js';
import { mapGoogleError } from './map-google-error.js';

export interface GoogleModelConfig {
  provider: string;
  client: () => Promise<GoogleGenAI>;
  fetch: typeof globalThis.fetch | undefined;
}

/** A Gemini model behind `models/{model}:streamGenerateContent?alt=sse`. */
export class GoogleLanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1';
  readonly provider: string;
  readonly modelId: string;
  readonly #config: GoogleModelConfig;

  constructor(modelId: string, config: GoogleModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.#config = config;
  }

  /** The SDK parameters `stream()` sends (the SDK renames a few fields on the wire); exposed for tests. */
  buildRequest(options: LanguageModelCallOptions): GenerateContentParameters {
    const providerOptions = readGoogleProviderOptions(options.providerOptions, this.provider, this.modelId);
    const { systemInstruction, contents } = convertToGeminiContents(options.prompt);
    const config: GenerateContentConfig = {};
    if (systemInstruction) config.systemInstruction = systemInstruction;
    if (options.tools && options.tools.length > 0) {
      config.tools = [
        {
          functionDeclarations: options.tools.map((tool) => ({
            name: tool.name,
            description: tool.description,
            // JSON Schema as is: `parameters` would want Google's OpenAPI subset instead.
            parametersJsonSchema: tool.inputSchema,
          })),
        },
      ];
    }
    if (options.toolChoice !== undefined) config.toolConfig = toToolConfig(options.toolChoice);
    if (options.maxOutputTokens !== undefined) config.maxOutputTokens = options.maxOutputTokens;
    if (options.temperature !== undefined) config.temperature = options.temperature;
    const thinking: GeminiThinkingConfig = {
      ...toGeminiThinkingConfig(this.modelId, options.thinking),
      ...(providerOptions.thinkingBudget === undefined ? {} : { thinkingBudget: providerOptions.thinkingBudget }),
      ...(providerOptions.thinkingLevel === undefined ? {} : { thinkingLevel: providerOptions.thinkingLevel }),
      ...(providerOptions.includeThoughts === undefined ? {} : { includeThoughts: providerOptions.includeThoughts }),
    };
    if (Object.keys(thinking).length > 0) config.thinkingConfig = thinking as GenerateContentConfig['thinkingConfig'] & object;
    if (providerOptions.safetySettings) config.safetySettings = providerOptions.safetySettings as GenerateContentConfig['safetySettings'] & object;
    if (providerOptions.cachedContent) config.cachedContent = providerOptions.cachedContent;
    return { model: this.modelId, contents, config };
  }

  async stream(options: LanguageModelCallOptions): Promise<LanguageModelStreamResult> {
    const request = this.buildRequest(options);
    const client = await this.#config.client();
    // The SDK's errors carry no headers; a per-call fetch wrapper keeps the response's (retry-after, request ids).
    let responseHeaders: Headers | undefined;
    const baseFetch = this.#config.fetch ?? globalThis.fetch;
    const fetch: typeof globalThis.fetch = async (input, init) => {
      const response = await baseFetch(input, init);
      responseHeaders = response.headers;
      return response;
    };
    const context = {
      provider: this.provider,
      modelId: this.modelId,
      abortSignal: options.abortSignal,
      headers: () => responseHeaders,
    };
    let chunks;
    try {
      chunks = await client.models.generateContentStream({
        ...request,
        config: {
          ...request.config,
          httpOptions: { fetch, ...(options.headers ? { headers: options.headers } : {}) },
          ...(options.abortSignal ? { abortSignal: options.abortSignal } : {}),
        },
      });
    } catch (error) {
      if (options.abortSignal?.aborted) throw options.abortSignal.reason;
      throw mapGoogleError(error, { ...context, headers: responseHeaders });
    }
    return {
      stream: ReadableStream.from(mapGeminiStream(chunks, context)),
      request: { body: request },
      response: { headers: responseHeaders ? Object.fromEntries(responseHeaders) : {} },
    };
  }
}

function toToolConfig(choice: NonNullable<LanguageModelCallOptions['toolChoice']>): ToolConfig {
  const mode = (value: 'AUTO' | 'ANY' | 'NONE') => value as NonNullable<NonNullable<ToolConfig['functionCallingConfig']>['mode']>;
  if (typeof choice !== 'string') return { functionCallingConfig: { mode: mode('ANY'), allowedFunctionNames: [choice.toolName] } };
  return { functionCallingConfig: { mode: mode(choice === 'auto' ? 'AUTO' : choice === 'none' ? 'NONE' : 'ANY') } };
}
