import type { LanguageModel, SessionStore, TranscriptEntry } from '@rusty-claw/plugin-sdk';
import type { AgentRunEvent } from '../agent-run-event.js';
import type { ModelCandidate } from '../stream-with-failover.js';

/** A candidate for a model (`ref` from its provider and id). */
export function candidate(model: LanguageModel, extra: Partial<ModelCandidate> = {}): ModelCandidate {
  return { ref: `${model.provider}/${model.modelId}`, model, ...extra };
}

export async function readEntries(store: SessionStore, key: string): Promise<TranscriptEntry[]> {
  const entries: TranscriptEntry[] = [];
  for await (const entry of store.read(key)) entries.push(entry);
  return entries;
}

/** The messages of a transcript (role + content), for compact assertions. */
export async function readMessages(store: SessionStore, key: string): Promise<Array<Record<string, unknown>>> {
  return (await readEntries(store, key)).flatMap((entry) => (entry.type === 'message' ? [entry.message as unknown as Record<string, unknown>] : []));
}

/** Collects run events; `of(stream, phase?)` filters them. */
export function eventLog(): { events: AgentRunEvent[]; onEvent: (event: AgentRunEvent) => void; of: (stream: string, phase?: string) => AgentRunEvent[] } {
  const events: AgentRunEvent[] = [];
  return {
    events,
    onEvent: (event) => events.push(event),
    of: (stream, phase) => events.filter((event) => event.stream === stream && (phase === undefined || (event.data as { phase?: string }).phase === phase)),
  };
}
