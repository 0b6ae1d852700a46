import type { LanguageModelPrompt } from '@rusty-claw/plugin-sdk';
import type { Content, Part } from '@google/genai';
import { isSynthesizedToolCallId } from './gemini-tool-call-id.js';

export interface GeminiPrompt {
  systemInstruction: Content | undefined;
  contents: Content[];
}

/**
 * Our prompt as Gemini `contents` plus a `systemInstruction`. Assistant turns become `model` contents; tool results
 * become `functionResponse` parts in a `user` content (`{ output }`, or `{ error }` for a failed tool). Adjacent
 * contents of the same role are merged, since Gemini expects user and model turns to alternate.
 *
 * Thought signatures go back on the part they came with (Gemini 3 rejects a function call replayed without its
 * signature): a reasoning part with text is a `thought` part carrying its own signature; a reasoning part with no
 * text is only a carrier (see `mapGeminiStream`) whose signature belongs to the next text or function-call part.
 */
export function convertToGeminiContents(prompt: LanguageModelPrompt): GeminiPrompt {
  const system: string[] = [];
  const contents: Content[] = [];
  const push = (role: 'user' | 'model', parts: Part[]): void => {
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts = [...(last.parts ?? []), ...parts];
    else contents.push({ role, parts });
  };

  for (const message of prompt) {
    switch (message.role) {
      case 'system':
        system.push(message.content);
        break;
      case 'user':
        push(
          'user',
          message.content.map((part) =>
            part.type === 'text' ? { text: part.text } : { inlineData: { mimeType: part.mediaType, data: part.data } },
          ),
        );
        break;
      case 'assistant': {
        const parts: Part[] = [];
        let pendingSignature: string | undefined;
        const withSignature = (part: Part): Part => {
          if (pendingSignature === undefined) return part;
          const signed = { ...part, thoughtSignature: pendingSignature };
          pendingSignature = undefined;
          return signed;
        };
        for (const part of message.content) {
          switch (part.type) {
            case 'reasoning':
              if (part.text !== '') {
                parts.push({ text: part.text, thought: true, ...(part.signature ? { thoughtSignature: part.signature } : {}) });
              } else if (part.signature) {
                pendingSignature = part.signature;
              }
              break;
            case 'text':
              parts.push(withSignature({ text: part.text }));
              break;
            case 'tool-call':
              parts.push(
                withSignature({
                  functionCall: {
                    name: part.toolName,
                    args: toArgs(part.input),
                    ...(isSynthesizedToolCallId(part.toolCallId) ? {} : { id: part.toolCallId }),
                  },
                }),
              );
              break;
          }
        }
        // A signature that came last (on an empty closing text part) goes back the same way.
        if (pendingSignature !== undefined) parts.push({ text: '', thoughtSignature: pendingSignature });
        push('model', parts);
        break;
      }
      case 'tool':
        push(
          'user',
          message.content.map((part) => ({
            functionResponse: {
              name: part.toolName,
              response: part.isError ? { error: part.output } : { output: part.output },
              ...(isSynthesizedToolCallId(part.toolCallId) ? {} : { id: part.toolCallId }),
            },
          })),
        );
        break;
    }
  }
  return {
    systemInstruction: system.length > 0 ? { parts: [{ text: system.join('\n\n') }] } : undefined,
    contents,
  };
}

/** Gemini wants `args` as an object; a model that produced something else gets it wrapped, not dropped. */
function toArgs(input: unknown): Record<string, unknown> {
  if (typeof input === 'object' && input !== null && !Array.isArray(input)) return input as Record<string, unknown>;
  return input === undefined ? {} : { value: input };
}
