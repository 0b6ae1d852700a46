import { asArray, asBoolean, asNumber, asRecord, asString, type Fields } from './read-fields.js';

const TOOL_RESULT_PREVIEW_CHARS = 200;
const TOOL_ARGS_PREVIEW_CHARS = 120;

/**
 * The human view of `chat.history` (`{sessionKey, sessionId?, messages[], thinkingLevel?}`): a
 * transcript, one entry per message as `[time] role: text`, continuation lines indented. Tool calls
 * and results are shown in brackets (results cut to a preview); thinking is left out; images and
 * other non-text blocks are named, not dumped. Times are UTC so the output is the same everywhere.
 */
export function formatTranscript(payload: unknown): string[] {
  const history = asRecord(payload) ?? {};
  const messages = asArray(history.messages)
    .map(asRecord)
    .filter((message): message is Fields => message !== undefined);
  const sessionKey = asString(history.sessionKey) ?? '?';
  const sessionId = asString(history.sessionId);
  const thinking = asString(history.thinkingLevel);
  const header = [`Session ${sessionKey}`, sessionId ? `id ${sessionId}` : undefined, `${messages.length} message${messages.length === 1 ? '' : 's'}`, thinking ? `thinking ${thinking}` : undefined]
    .filter(Boolean)
    .join(' · ');
  const lines = [header];
  if (messages.length === 0) return [...lines, '(empty transcript)'];
  lines.push('');
  for (const message of messages) lines.push(...formatMessage(message));
  return lines;
}

function formatMessage(message: Fields): string[] {
  const role = asString(message.role) ?? 'unknown';
  const timestamp = asNumber(message.timestamp);
  const prefix = `${timestamp === undefined ? '' : `[${utcTime(timestamp)}] `}${roleLabel(message, role)}: `;
  const meta = asRecord(message.__openclaw);
  const body = role === 'toolResult' ? toolResultBody(message) : contentBody(message.content);
  const stopReason = asString(message.stopReason);
  const errorMessage = asString(message.errorMessage);
  const notes = [
    asBoolean(meta?.truncated) === true ? `[truncated${asString(meta?.reason) ? `: ${asString(meta?.reason)}` : ''}]` : undefined,
    // An aborted reply carries an errorMessage too ("the run was aborted"): one note says it.
    stopReason === 'aborted' ? '[aborted]' : stopReason === 'error' || errorMessage !== undefined ? `[error: ${errorMessage ?? 'the model call failed'}]` : undefined,
  ].filter((note): note is string => note !== undefined);
  const text = [body, ...notes].filter((part) => part !== '').join(' ');
  const [first = '', ...rest] = text.split('\n');
  const indent = ' '.repeat(Math.min(prefix.length, 24));
  return [`${prefix}${first}`.trimEnd(), ...rest.map((line) => (line === '' ? '' : `${indent}${line}`))];
}

function roleLabel(message: Fields, role: string): string {
  if (role === 'toolResult') return `tool ${asString(message.toolName) ?? '?'}`;
  return role;
}

function contentBody(content: unknown): string {
  if (typeof content === 'string') return content;
  const parts: string[] = [];
  for (const block of asArray(content)) {
    const record = asRecord(block);
    if (record === undefined) continue;
    switch (asString(record.type)) {
      case 'text': {
        const text = asString(record.text);
        if (text !== undefined && text !== '') parts.push(text);
        break;
      }
      case 'thinking':
        break;
      case 'toolCall':
      case 'tool_use':
        parts.push(`[tool call ${asString(record.name) ?? '?'} ${preview(jsonText(record.arguments ?? record.input), TOOL_ARGS_PREVIEW_CHARS)}]`);
        break;
      case 'image':
        parts.push(`[image${asString(record.mimeType) ? ` ${asString(record.mimeType)}` : ''}]`);
        break;
      default:
        parts.push(`[${asString(record.type) ?? 'block'}]`);
    }
  }
  return parts.join('\n');
}

function toolResultBody(message: Fields): string {
  const text = contentBody(message.content).replace(/\s+/g, ' ').trim();
  const failed = asBoolean(message.isError) === true;
  return `${failed ? '[failed] ' : ''}${preview(text, TOOL_RESULT_PREVIEW_CHARS)}`;
}

function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? '';
  } catch {
    return '';
  }
}

function preview(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function utcTime(ms: number): string {
  return new Date(ms).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, 'Z');
}
