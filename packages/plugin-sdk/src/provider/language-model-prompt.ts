/**
 * The provider-neutral prompt a `LanguageModel` receives. Shapes follow the AI SDK's spec package: a list of
 * messages whose content is typed parts, so a provider adapter maps them one to one onto its wire format.
 */
export type LanguageModelPrompt = LanguageModelMessage[];

export type LanguageModelMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: Array<TextPart | ImagePart> }
  | { role: 'assistant'; content: Array<TextPart | ReasoningPart | ToolCallPart> }
  | { role: 'tool'; content: ToolResultPart[] };

export interface TextPart {
  type: 'text';
  text: string;
  /** Marks a prompt-caching breakpoint after this part (Anthropic `cache_control`; ignored elsewhere). */
  cacheBreakpoint?: boolean;
}

export interface ImagePart {
  type: 'image';
  /** Base64 data (no data: prefix). */
  data: string;
  mediaType: string;
}

/** Model thinking. `signature` (Anthropic) or `redactedData` must be sent back unchanged on the next turn. */
export interface ReasoningPart {
  type: 'reasoning';
  text: string;
  signature?: string;
  redactedData?: string;
}

export interface ToolCallPart {
  type: 'tool-call';
  toolCallId: string;
  toolName: string;
  /** Parsed JSON arguments as the model produced them. */
  input: unknown;
}

export interface ToolResultPart {
  type: 'tool-result';
  toolCallId: string;
  toolName: string;
  output: string;
  isError?: boolean;
}
