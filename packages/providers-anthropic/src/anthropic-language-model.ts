import {
  LoadSecretError,
  ProviderError,
  type LanguageModel,
  type LanguageModelCallOptions,
  type LanguageModelStreamResult,
} from '@rusty-claw/plugin-sdk';
import type Anthropic from '@anthropic-ai/sdk';
import type { MessageCreateParamsStreaming } from '@anthropic-ai/sdk/resources/messages';
import { parseAnthropicCallOptions } from './anthropic-provider-options.js';
import { claudeModelTraits, planAnthropicThinking } from './anthropic-thinking.js';
import { classifyAnthropicError } from './classify-anthropic-error.js';
import { convertToAnthropicMessages } from './convert-to-anthropic-messages.js';
import { mapAnthropicStream } from './map-anthropic-stream.js';
import { prepareAnthropicTools } from './prepare-anthropic-tools.js';

export interface AnthropicLanguageModelConfig {
  provider: string;
  /** Resolves the shared SDK client (created, and the SDK imported, on first use). */
  client: () => Promise<Anthropic>;
}

/** One Claude model behind the Messages API, streamed through `@anthropic-ai/sdk`. */
export class AnthropicLanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly #client: () => Promise<Anthropic>;

  constructor(modelId: string, config: AnthropicLanguageModelConfig) {
    this.modelId = modelId;
    this.provider = config.provider;
    this.#client = config.client;
  }

  /** The exact Messages API body `stream()` sends (exported for tests and debugging). */
  buildRequest(options: LanguageModelCallOptions): MessageCreateParamsStreaming {
    const context = { provider: this.provider, modelId: this.modelId };
    const extra = parseAnthropicCallOptions(options.providerOptions?.['anthropic'], context);
    const { system, messages } = convertToAnthropicMessages(options.prompt, {
      ...context,
      cacheTtl: extra.cacheTtl,
      cacheSystemPrompt: extra.cacheSystemPrompt,
    });
    if (messages.length === 0) {
      throw new ProviderError(`${this.provider}: the prompt has no user or assistant message`, { kind: 'invalid_request', ...context });
    }
    const plan = planAnthropicThinking(this.modelId, options.thinking, options.maxOutputTokens);
    const thinking = extra.thinking ?? plan.thinking;
    const effort = extra.effort ?? plan.effort;
    const thinkingOn = thinking !== undefined && thinking.type !== 'disabled';
    // The API rejects a temperature other than 1 while thinking, and any temperature on the newest models:
    // dropping it beats failing the turn.
    const sendTemperature = options.temperature !== undefined && !thinkingOn && !claudeModelTraits(this.modelId).defaultSamplingOnly;
    const tools = prepareAnthropicTools(options.tools, options.toolChoice, {
      cacheTtl: extra.cacheTtl,
      cacheTools: extra.cacheTools,
      disableParallelToolUse: extra.disableParallelToolUse,
    });
    return {
      model: this.modelId,
      max_tokens: plan.maxTokens,
      messages,
      ...(system === undefined ? {} : { system }),
      ...tools,
      ...(thinking === undefined ? {} : { thinking }),
      ...(sendTemperature ? { temperature: options.temperature as number } : {}),
      ...(effort === undefined ? {} : { output_config: { effort } }),
      ...(extra.userId === undefined ? {} : { metadata: { user_id: extra.userId } }),
      stream: true,
    };
  }

  async stream(options: LanguageModelCallOptions): Promise<LanguageModelStreamResult> {
    const context = { provider: this.provider, modelId: this.modelId };
    const signal = options.abortSignal;
    signal?.throwIfAborted();
    const body = this.buildRequest(options);
    const extra = parseAnthropicCallOptions(options.providerOptions?.['anthropic'], context);
    const headers: Record<string, string> = { ...options.headers };
    if (extra.betas !== undefined && extra.betas.length > 0) headers['anthropic-beta'] = extra.betas.join(',');

    let client: Anthropic;
    try {
      client = await this.#client();
    } catch (error) {
      if (LoadSecretError.isInstance(error)) throw new ProviderError(error.message, { kind: 'auth', ...context, cause: error });
      throw classifyAnthropicError(error, context);
    }
    try {
      const { data, response } = await client.messages
        .create(body, { ...(signal === undefined ? {} : { signal }), headers })
        .withResponse();
      return {
        stream: mapAnthropicStream(data, { ...context, abortSignal: signal }),
        request: { body },
        response: { headers: Object.fromEntries(response.headers.entries()) },
      };
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      throw classifyAnthropicError(error, context);
    }
  }
}
