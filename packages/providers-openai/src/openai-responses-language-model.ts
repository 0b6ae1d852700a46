import type { LanguageModel, LanguageModelCallOptions, LanguageModelStreamResult } from '@rusty-claw/plugin-sdk';
import type { ResponseCreateParamsStreaming, ToolChoiceFunction, ToolChoiceOptions } from 'openai/resources/responses/responses';
import { callOpenAI } from './call-openai.js';
import { convertToOpenAIResponsesInput } from './convert-to-openai-responses-input.js';
import { mapOpenAIResponsesStream } from './map-openai-responses-stream.js';
import { toReasoningEffort } from './openai-reasoning.js';
import { type OpenAIModelConfig, readProviderOptions } from './openai-settings.js';

/**
 * A model behind `POST /responses`, OpenAI's newer API: reasoning summaries stream as reasoning parts, and reasoning
 * items are replayed (encrypted) across tool-calling turns. Nothing is stored server-side unless `store: true`.
 */
export class OpenAIResponsesLanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1';
  readonly provider: string;
  readonly modelId: string;
  readonly #config: OpenAIModelConfig;

  constructor(modelId: string, config: OpenAIModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.#config = config;
  }

  /** The exact request body `stream()` sends; exposed for tests and debugging. */
  buildRequestBody(options: LanguageModelCallOptions): ResponseCreateParamsStreaming {
    const providerOptions = readProviderOptions(options.providerOptions, this.provider, this.modelId);
    const effort = providerOptions.reasoningEffort ?? toReasoningEffort(options.thinking);
    const body: ResponseCreateParamsStreaming = {
      model: this.modelId,
      input: convertToOpenAIResponsesInput(options.prompt),
      stream: true,
      store: providerOptions.store ?? false,
    };
    if (options.tools && options.tools.length > 0) {
      body.tools = options.tools.map((tool) => ({
        type: 'function',
        name: tool.name,
        description: tool.description,
        parameters: tool.inputSchema,
        // Strict mode needs every property required and no extra keys; our zod-derived schemas do not promise that.
        strict: false,
      }));
    }
    if (options.toolChoice !== undefined) body.tool_choice = toResponsesToolChoice(options.toolChoice);
    if (providerOptions.parallelToolCalls !== undefined) body.parallel_tool_calls = providerOptions.parallelToolCalls;
    if (options.maxOutputTokens !== undefined) body.max_output_tokens = options.maxOutputTokens;
    if (options.temperature !== undefined) body.temperature = options.temperature;
    if (providerOptions.user !== undefined) body.user = providerOptions.user;
    if (effort !== undefined) {
      body.reasoning = {
        effort,
        ...(effort === 'none' ? {} : { summary: providerOptions.reasoningSummary ?? 'auto' }),
      };
      // Without storage, the encrypted reasoning is the only way to hand a reasoning model its own thoughts back.
      if (effort !== 'none' && body.store === false) body.include = ['reasoning.encrypted_content'];
    }
    return { ...body, ...providerOptions.extraBody } as ResponseCreateParamsStreaming;
  }

  async stream(options: LanguageModelCallOptions): Promise<LanguageModelStreamResult> {
    const body = this.buildRequestBody(options);
    const context = { provider: this.provider, modelId: this.modelId, abortSignal: options.abortSignal };
    const { data, headers } = await callOpenAI(
      this.#config.client,
      (client, requestOptions) => client.responses.create(body, requestOptions).withResponse(),
      options,
      context,
    );
    return {
      stream: ReadableStream.from(mapOpenAIResponsesStream(data, context)),
      request: { body },
      response: { headers },
    };
  }
}

function toResponsesToolChoice(
  choice: NonNullable<LanguageModelCallOptions['toolChoice']>,
): ToolChoiceOptions | ToolChoiceFunction {
  return typeof choice === 'string' ? choice : { type: 'function', name: choice.toolName };
}
