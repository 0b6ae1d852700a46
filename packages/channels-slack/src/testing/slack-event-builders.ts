/** Builders of Events API payloads in Slack's real shapes (https://docs.slack.dev/reference/events/message). */

export type SlackChannelType = 'im' | 'mpim' | 'channel' | 'group';

export interface SlackFileShape {
  id: string;
  name: string;
  title?: string;
  mimetype: string;
  filetype?: string;
  size: number;
  url_private: string;
  url_private_download: string;
}

export interface BuildMessageEventOptions {
  channel: string;
  channelType: SlackChannelType;
  user: string;
  text: string;
  ts?: string;
  threadTs?: string;
  /** The user who started the thread (Slack sets it on replies). */
  parentUserId?: string;
  subtype?: string;
  botId?: string;
  files?: SlackFileShape[];
  team?: string;
}

let sequence = 0;

/** A message timestamp the way Slack writes them: Unix seconds with six decimals, unique per call. */
export function nextSlackTs(): string {
  sequence += 1;
  const seconds = Math.floor(Date.now() / 1000);
  return `${seconds}.${String(sequence % 1_000_000).padStart(6, '0')}`;
}

export function buildMessageEvent(options: BuildMessageEventOptions): Record<string, unknown> {
  const ts = options.ts ?? nextSlackTs();
  const event: Record<string, unknown> = {
    type: 'message',
    channel: options.channel,
    channel_type: options.channelType,
    user: options.user,
    text: options.text,
    ts,
    event_ts: ts,
    team: options.team ?? 'T0TEAM',
    client_msg_id: `cm-${ts}`,
  };
  if (options.threadTs !== undefined) event['thread_ts'] = options.threadTs;
  if (options.parentUserId !== undefined) event['parent_user_id'] = options.parentUserId;
  if (options.subtype !== undefined) event['subtype'] = options.subtype;
  if (options.botId !== undefined) event['bot_id'] = options.botId;
  if (options.files !== undefined) {
    event['files'] = options.files;
    if (options.subtype === undefined) event['subtype'] = 'file_share';
  }
  return event;
}

/** The `app_mention` event Slack sends alongside the `message` event when the bot is @-mentioned. */
export function buildAppMentionEvent(options: Omit<BuildMessageEventOptions, 'channelType' | 'subtype' | 'botId'>): Record<string, unknown> {
  const message = buildMessageEvent({ ...options, channelType: 'channel' });
  const { channel_type: _type, client_msg_id: _id, ...rest } = message;
  return { ...rest, type: 'app_mention' };
}

let eventSequence = 0;

/** Wraps an event in the `event_callback` envelope body both Socket Mode and HTTP deliveries carry. */
export function buildEventCallback(event: Record<string, unknown>, options: { teamId?: string; appId?: string; botUserId?: string; eventId?: string } = {}): Record<string, unknown> {
  eventSequence += 1;
  return {
    token: 'verification-token-unused',
    team_id: options.teamId ?? 'T0TEAM',
    api_app_id: options.appId ?? 'A0APP',
    event,
    type: 'event_callback',
    event_id: options.eventId ?? `Ev${String(eventSequence).padStart(8, '0')}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ enterprise_id: null, team_id: options.teamId ?? 'T0TEAM', user_id: options.botUserId ?? 'U0BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}
