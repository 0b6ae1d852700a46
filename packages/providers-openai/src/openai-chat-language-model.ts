import type {
  LanguageModel,
  LanguageModelCallOptions,
  LanguageModelStreamResult,
} from '@rusty-claw/plugin-sdk';
import type { ChatCompletionCreateParamsStreaming, ChatCompletionToolChoiceOption } from 'openai/resources/chat/completions';
import { convertToOpenAIChatMessages } from './convert-to-openai-chat-messages.js';
import { mapOpenAIChatStream } from './map-openai-chat-stream.js';
import { callOpenAI } from './call-openai.js';
import { toReasoningEffort } from './openai-reasoning.js';
import { type OpenAIModelConfig, readProviderOptions } from './openai-settings.js';

/** A model behind `POST /chat/completions`: OpenAI, OpenRouter, Ollama and any other compatible server. */
export class OpenAIChatLanguageModel implements LanguageModel {
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
  buildRequestBody(options: LanguageModelCallOptions): ChatCompletionCreateParamsStreaming {
    const providerOptions = readProviderOptions(options.providerOptions, this.provider, this.modelId);
    const effort = providerOptions.reasoningEffort ?? toReasoningEffort(options.thinking);
    const { compatibility } = this.#config;
    const body: ChatCompletionCreateParamsStreaming = {
      model: this.modelId,
      messages: convertToOpenAIChatMessages(options.prompt),
      stream: true,
      stream_options: { include_usage: true },
    };
    if (options.tools && options.tools.length > 0) {
      body.tools = options.tools.map((tool) => ({
        type: 'function',
        function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
      }));
    }
    if (options.toolChoice !== undefined) body.tool_choice = toChatToolChoice(options.toolChoice);
    if (providerOptions.parallelToolCalls !== undefined) body.parallel_tool_calls = providerOptions.parallelToolCalls;
    if (options.maxOutputTokens !== undefined) body[compatibility.maxTokensField] = options.maxOutputTokens;
    if (options.temperature !== undefined) body.temperature = options.temperature;
    if (providerOptions.user !== undefined) body.user = providerOptions.user;
    if (effort !== undefined) {
      if (compatibility.reasoningFormat === 'openrouter') Object.assign(body, { reasoning: { effort } });
      else body.reasoning_effort = effort;
    }
    return { ...body, ...providerOptions.extraBody } as ChatCompletionCreateParamsStreaming;
  }

  async stream(options: LanguageModelCallOptions): Promise<LanguageModelStreamResult> {
    const body = this.buildRequestBody(options);
    const context = { provider: this.provider, modelId: this.modelId, abortSignal: options.abortSignal };
    const { data, headers } = await callOpenAI(
      this.#config.client,
      (client, requestOptions) => client.chat.completions.create(body, requestOptions).withResponse(),
      options,
      context,
    );
    return {
      stream: ReadableStream.from(mapOpenAIChatStream(data, context)),
      request: { body },
      response: { headers },
    };
  }
}

function toChatToolChoice(choice: NonNullable<LanguageModelCallOptions['toolChoice']>): ChatCompletionToolChoiceOption {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.toolName } };
}
