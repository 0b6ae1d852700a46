import type { FinishReason, LanguageModelStreamPart, LanguageModelUsage } from '@rusty-claw/plugin-sdk';
import type { MockStreamScript } from './mock-language-model.js';

const defaultUsage: LanguageModelUsage = { inputTokens: 10, outputTokens: 5, totalTokens: 15 };

/** The parts of a plain text answer: text-start, one delta per chunk, text-end, finish. */
export function textStreamParts(
  text: string | string[],
  options: { usage?: LanguageModelUsage; finishReason?: FinishReason; id?: string } = {},
): LanguageModelStreamPart[] {
  const id = options.id ?? 'text-0';
  const chunks = typeof text === 'string' ? [text] : text;
  return [
    { type: 'text-start', id },
    ...chunks.map((delta): LanguageModelStreamPart => ({ type: 'text-delta', id, delta })),
    { type: 'text-end', id },
    { type: 'finish', finishReason: options.finishReason ?? 'stop', usage: options.usage ?? defaultUsage },
  ];
}

/** The parts of a turn that calls tools (optionally after some text), finishing with `tool-calls`. */
export function toolCallStreamParts(
  calls: Array<{ toolCallId: string; toolName: string; input: unknown }>,
  options: { text?: string; usage?: LanguageModelUsage } = {},
): LanguageModelStreamPart[] {
  const text: LanguageModelStreamPart[] = options.text === undefined ? [] : textStreamParts(options.text).slice(0, -1);
  return [
    ...text,
    ...calls.flatMap((call): LanguageModelStreamPart[] => {
      const input = JSON.stringify(call.input);
      return [
        { type: 'tool-input-start', id: call.toolCallId, toolName: call.toolName },
        { type: 'tool-input-delta', id: call.toolCallId, delta: input },
        { type: 'tool-input-end', id: call.toolCallId },
        { type: 'tool-call', toolCallId: call.toolCallId, toolName: call.toolName, input },
      ];
    }),
    { type: 'finish', finishReason: 'tool-calls', usage: options.usage ?? defaultUsage },
  ];
}

/** Shorthands for `MockLanguageModel` scripts. */
export const mockResponses = {
  text: (text: string | string[], options?: Parameters<typeof textStreamParts>[1]): MockStreamScript => ({ parts: textStreamParts(text, options) }),
  toolCalls: (calls: Parameters<typeof toolCallStreamParts>[0], options?: Parameters<typeof toolCallStreamParts>[1]): MockStreamScript => ({
    parts: toolCallStreamParts(calls, options),
  }),
  error: (error: unknown): MockStreamScript => ({ error }),
};
