import type { AgentRunEvent } from '@rusty-claw/core';

/** What the router hands the agent for one inbound channel message, after access control and routing. */
export interface RoutedInbound {
  /** Journal id of the inbound message: stable across restarts, so a re-run after a crash can be recognised. */
  id: string;
  /**
   * Transcript id of the user entry, derived from the platform message (`inboundEntryId`): a re-run after a crash
   * continues from the entry the interrupted run stored instead of storing the message twice.
   */
  entryId: string;
  agentId: string;
  sessionKey: string;
  channel: string;
  accountId: string;
  chatId: string;
  chatType: 'direct' | 'group' | 'channel';
  threadId?: string;
  senderId: string;
  senderName?: string;
  text: string;
  /** Images for vision models (base64 without a `data:` prefix). */
  images: Array<{ data: string; mimeType: string }>;
}

/** How one run ended: `text` is the reply to deliver (the last assistant message). */
export interface AgentRunOutcome {
  runId: string;
  status: 'ok' | 'aborted' | 'timeout' | 'error';
  text: string;
  error?: string;
}

export interface AgentRunnerCallOptions {
  /** Aborted when the gateway stops; the run may end early (the message stays pending and runs again on restart). */
  signal: AbortSignal;
  /** The run's events (`lifecycle`, `assistant` deltas …) as `runAgent` emits them; drives drafts and the journal. */
  onEvent(event: AgentRunEvent): void;
}

/**
 * Runs the agent for a session key (the agent run service of the gateway, or an adapter over `runAgent`). The
 * router serialises calls per session itself, so an implementation may, but need not, queue. Rejects only when the
 * input was refused before anything was stored.
 */
export interface AgentRunner {
  enqueue(sessionKey: string, inbound: RoutedInbound, options: AgentRunnerCallOptions): Promise<AgentRunOutcome>;
}
