import type { SlackChannelType, SlackFileShape } from './slack-event-builders.js';

/** One Web API request the fake received (tokens are kept so tests can check which token was used). */
export interface FakeSlackCall {
  method: string;
  params: Record<string, unknown>;
  token: string | undefined;
  contentType: string;
  at: number;
}

export interface FakeSlackMessage {
  channel: string;
  ts: string;
  text: string;
  threadTs?: string;
  /** Every text the message had, oldest first (chat.update appends). */
  edits: string[];
}

export interface FakeSlackUpload {
  fileId: string;
  filename: string;
  length: number;
  bytes?: Uint8Array;
  channelId?: string;
  threadTs?: string;
  title?: string;
  completed: boolean;
}

export interface FakeSlackUser {
  id: string;
  name: string;
  realName?: string;
  displayName?: string;
  isBot?: boolean;
}

export interface FakeSlackConversation {
  id: string;
  name?: string;
  type: SlackChannelType;
}

/** A fault for the next call of a Web API method: a Slack error (`ok:false`), an HTTP status, or a 429. */
export type FakeSlackFault = { error: string } | { status: 429; retryAfterSeconds: number } | { status: number };

export interface FakeSlackFile extends SlackFileShape {
  bytes: Uint8Array;
}

export interface FakeSlackIdentity {
  botToken: string;
  appToken: string;
  botUserId: string;
  botId: string;
  botName: string;
  teamId: string;
  appId: string;
}

export interface FakeSlackReaction {
  channel: string;
  timestamp: string;
  name: string;
}
