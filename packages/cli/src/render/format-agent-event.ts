import { asBoolean, asNumber, asRecord, asString } from './read-fields.js';

const ARGS_PREVIEW_CHARS = 80;

/**
 * One line for an `agent` event worth showing next to the streamed reply (`agent --verbose`, on
 * stderr): tool calls and results, model failover/fallback decisions, compaction. Text streams
 * (`assistant`, `thinking`) and plain lifecycle start/end are left to the `chat` renderer; anything
 * unknown or malformed yields undefined.
 */
export function formatAgentEvent(payload: unknown): string | undefined {
  const event = asRecord(payload);
  const data = asRecord(event?.data);
  if (event === undefined || data === undefined) return undefined;
  const phase = asString(data.phase);
  switch (asString(event.stream)) {
    case 'tool':
      return formatToolEvent(phase, data);
    case 'lifecycle':
      return formatLifecycleEvent(phase, data);
    case 'compaction':
      if (phase === 'start') return `· compacting the session${tokens(asNumber(data.tokensBefore))}`;
      if (phase === 'end') return `· compacted the session${tokens(asNumber(data.tokensBefore))}`;
      if (phase === 'error') return `· compaction failed: ${asString(data.error) ?? 'unknown error'}`;
      return undefined;
    default:
      return undefined;
  }
}

function formatToolEvent(phase: string | undefined, data: Record<string, unknown>): string | undefined {
  const name = asString(data.name) ?? 'tool';
  if (phase === 'start') {
    const args = previewArgs(data.args);
    return `· tool ${name}${args === '' ? '' : ` ${args}`}`;
  }
  if (phase === 'result') return asBoolean(data.isError) === true ? `· tool ${name} failed` : `· tool ${name} done`;
  return undefined;
}

function formatLifecycleEvent(phase: string | undefined, data: Record<string, unknown>): string | undefined {
  if (phase === 'failover') {
    const ref = asString(data.ref) ?? 'model';
    const reason = asString(data.reason);
    const kind = asString(data.errorKind);
    const status = asNumber(data.statusCode);
    const cause = [kind, status !== undefined ? String(status) : undefined].filter(Boolean).join(' ');
    return `· ${ref}: ${asString(data.decision) ?? 'failover'}${cause === '' ? '' : ` (${cause})`}${reason === undefined ? '' : ` ${reason}`}`;
  }
  if (phase === 'fallback') {
    const provider = asString(data.activeProvider);
    const model = asString(data.activeModel);
    if (provider === undefined || model === undefined) return undefined;
    const why = asString(data.reasonSummary);
    return `· using fallback model ${provider}/${model}${why === undefined ? '' : ` (${why})`}`;
  }
  return undefined;
}

function previewArgs(args: unknown): string {
  if (args === undefined) return '';
  let text: string;
  try {
    text = JSON.stringify(args) ?? '';
  } catch {
    return '';
  }
  return text.length > ARGS_PREVIEW_CHARS ? `${text.slice(0, ARGS_PREVIEW_CHARS - 1)}…` : text;
}

function tokens(count: number | undefined): string {
  return count === undefined ? '' : ` (${count} tokens before)`;
}
