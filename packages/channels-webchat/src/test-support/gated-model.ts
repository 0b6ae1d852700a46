import type { LanguageModel, LanguageModelCallOptions, LanguageModelStreamPart, LanguageModelStreamResult } from '@rusty-claw/plugin-sdk';
import { textStreamParts } from '@rusty-claw/testkit';

/**
 * A fake of the `LanguageModel` contract that streams a scripted reply and, at `gateAt`, waits until the test calls
 * `release()`. The test can then see the partial reply rendered while the run is still streaming, without timing.
 * Honours the abort signal (the chat's stop button).
 */
export class GatedLanguageModel implements LanguageModel {
  readonly specificationVersion = 'v1' as const;
  readonly provider = 'mock';
  readonly modelId = 'chat-1';
  readonly prompts: LanguageModelCallOptions['prompt'][] = [];
  private opened: Array<() => void> = [];
  private released = 0;

  constructor(
    private readonly chunks: string[],
    /** Index of the chunk that waits for `release()`; none when undefined. */
    private readonly gateAt?: number,
  ) {}

  /** Lets every waiting (and the next) stream past its gate. */
  release(): void {
    this.released += 1;
    for (const open of this.opened.splice(0)) open();
  }

  async stream(options: LanguageModelCallOptions): Promise<LanguageModelStreamResult> {
    this.prompts.push(structuredClone(options.prompt));
    const parts = textStreamParts(this.chunks);
    const gatePart = this.gateAt === undefined ? -1 : this.gateAt + 1; // after text-start and the chunks before it
    const releasedBefore = this.released;
    let index = 0;
    const signal = options.abortSignal;
    return {
      stream: new ReadableStream<LanguageModelStreamPart>({
        pull: async (controller) => {
          if (index === gatePart && this.released === releasedBefore) {
            await new Promise<void>((resolve) => {
              this.opened.push(resolve);
              signal?.addEventListener('abort', () => resolve(), { once: true });
            });
          }
          if (signal?.aborted) {
            controller.error(signal.reason);
            return;
          }
          const part = parts[index++];
          if (part) controller.enqueue(part);
          else controller.close();
        },
      }),
    };
  }
}
