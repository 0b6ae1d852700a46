import type { LanguageModel, LanguageModelCallOptions, LanguageModelStreamPart, LanguageModelStreamResult } from '@rusty-claw/plugin-sdk';
import { TestkitError } from '../testkit-error.js';

/** What one `stream()` call of the mock does. */
export type MockStreamScript =
  | {
      parts: LanguageModelStreamPart[];
      /** Wait this long before each part (so tests can abort in between). */
      delayMs?: number;
      /** After the parts, keep the stream open until the call is aborted or the reader cancels. */
      holdOpen?: boolean;
      request?: LanguageModelStreamResult['request'];
      response?: LanguageModelStreamResult['response'];
    }
  /** `stream()` rejects with this error (e.g. a `ProviderError` for failover tests). */
  | { error: unknown };

export type MockStreamHandler = (options: LanguageModelCallOptions, callIndex: number) => MockStreamScript | Promise<MockStreamScript>;

export interface MockLanguageModelOptions {
  provider?: string;
  modelId?: string;
  /**
   * One script for every call, a list (call N gets item N; running out is an error, so a loop that calls the model
   * more often than the test expects fails loudly), or a function of the call. Default: not implemented.
   */
  stream?: MockStreamScript | MockStreamScript[] | MockStreamHandler;
}

/**
 * A scripted `LanguageModel` for runtime tests, like `ai/test`'s `MockLanguageModelV2`: a fake of the contract, not
 * of a module. Records every call (`calls`, prompts deep-copied so later mutation by the caller does not rewrite
 * history) and honours `abortSignal` before and during the stream.
 */
export class MockLanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider: string;
  readonly modelId: string;
  readonly calls: LanguageModelCallOptions[] = [];
  readonly #handler: MockStreamHandler;

  constructor(options: MockLanguageModelOptions = {}) {
    this.provider = options.provider ?? 'mock';
    this.modelId = options.modelId ?? 'mock-model';
    this.#handler = toHandler(options.stream, this.modelId);
  }

  async stream(options: LanguageModelCallOptions): Promise<LanguageModelStreamResult> {
    const callIndex = this.calls.length;
    this.calls.push({ ...options, prompt: structuredClone(options.prompt), ...(options.tools ? { tools: structuredClone(options.tools) } : {}) });
    const signal = options.abortSignal;
    signal?.throwIfAborted();
    const script = await this.#handler(options, callIndex);
    if ('error' in script) throw script.error;
    return {
      stream: scriptedStream(script, signal),
      ...(script.request === undefined ? {} : { request: script.request }),
      ...(script.response === undefined ? {} : { response: script.response }),
    };
  }

  /** The prompt of call `index` (default: the last one). */
  prompt(index = this.calls.length - 1): LanguageModelCallOptions['prompt'] {
    const call = this.calls[index];
    if (!call) throw new TestkitError(`MockLanguageModel has no call ${index} (it was called ${this.calls.length} times)`);
    return call.prompt;
  }
}

function toHandler(stream: MockLanguageModelOptions['stream'], modelId: string): MockStreamHandler {
  if (stream === undefined) {
    return () => {
      throw new TestkitError(`MockLanguageModel(${modelId}).stream is not implemented: pass a \`stream\` script`, { code: 'TESTKIT_NOT_IMPLEMENTED' });
    };
  }
  if (typeof stream === 'function') return stream;
  if (Array.isArray(stream)) {
    return (_options, callIndex) => {
      const script = stream[callIndex];
      if (script === undefined) {
        throw new TestkitError(`MockLanguageModel(${modelId}) was called ${callIndex + 1} times but only ${stream.length} responses are scripted`, {
          code: 'TESTKIT_SCRIPT_EXHAUSTED',
        });
      }
      return script;
    };
  }
  return () => stream;
}

function scriptedStream(script: Extract<MockStreamScript, { parts: unknown }>, signal: AbortSignal | undefined): ReadableStream<LanguageModelStreamPart> {
  let index = 0;
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const cleanup = (): void => {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  };
  return new ReadableStream<LanguageModelStreamPart>({
    start(controller) {
      if (!signal) return;
      onAbort = () => {
        cleanup();
        controller.error(signal.reason);
      };
      signal.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      if (index >= script.parts.length) {
        // holdOpen: never resolve; the abort listener or cancel() ends the stream.
        if (script.holdOpen) return new Promise<void>(() => undefined);
        cleanup();
        controller.close();
        return undefined;
      }
      if (script.delayMs) await new Promise<void>((resolve) => (timer = setTimeout(resolve, script.delayMs)));
      if (signal?.aborted) return undefined;
      controller.enqueue(script.parts[index++] as LanguageModelStreamPart);
      return undefined;
    },
    cancel() {
      cleanup();
    },
  });
}
