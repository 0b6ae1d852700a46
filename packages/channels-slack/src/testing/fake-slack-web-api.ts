import type {
  FakeSlackCall,
  FakeSlackConversation,
  FakeSlackFault,
  FakeSlackFile,
  FakeSlackIdentity,
  FakeSlackMessage,
  FakeSlackReaction,
  FakeSlackUpload,
  FakeSlackUser,
} from './fake-slack-state.js';

export type WebApiAnswer = { status: number; headers?: Record<string, string>; body: Record<string, unknown> };

/** Slack refuses longer message texts outright. */
const MAX_TEXT = 40_000;

/**
 * The Web API half of the fake: state plus one handler per method, answering like api.slack.com does (HTTP 200 with
 * `ok:false` and an error code for Slack errors, 429 + Retry-After for rate limits).
 */
export class FakeSlackWebApi {
  readonly calls: FakeSlackCall[] = [];
  readonly messages: FakeSlackMessage[] = [];
  readonly uploads = new Map<string, FakeSlackUpload>();
  readonly reactions: FakeSlackReaction[] = [];
  readonly users = new Map<string, FakeSlackUser>();
  readonly conversations = new Map<string, FakeSlackConversation>();
  readonly files = new Map<string, FakeSlackFile>();
  readonly faults = new Map<string, FakeSlackFault[]>();
  /** apps.connections.open tickets handed out and not used yet. */
  readonly tickets = new Set<string>();
  botTokenState: 'valid' | 'revoked' = 'valid';
  #ticket = 0;
  #ts = 0;
  #file = 0;

  constructor(
    readonly identity: FakeSlackIdentity,
    private readonly baseUrl: () => string,
  ) {}

  handle(method: string, params: Record<string, unknown>, token: string | undefined, contentType: string): WebApiAnswer {
    this.calls.push({ method, params, token, contentType, at: Date.now() });
    const fault = this.faults.get(method)?.shift();
    if (fault !== undefined) {
      if ('error' in fault) return ok({ ok: false, error: fault.error });
      if (fault.status === 429 && 'retryAfterSeconds' in fault) {
        return { status: 429, headers: { 'retry-after': String(fault.retryAfterSeconds) }, body: { ok: false, error: 'ratelimited' } };
      }
      return { status: fault.status, body: { ok: false, error: 'fake_http_error' } };
    }
    if (token === undefined || token === '') return ok({ ok: false, error: 'not_authed' });
    if (method === 'apps.connections.open') {
      if (token.startsWith('xoxb-')) return ok({ ok: false, error: 'not_allowed_token_type' });
      if (token !== this.identity.appToken) return ok({ ok: false, error: 'invalid_auth' });
      return ok(this.#openConnection());
    }
    if (token !== this.identity.botToken) return ok({ ok: false, error: 'invalid_auth' });
    if (this.botTokenState === 'revoked') return ok({ ok: false, error: 'token_revoked' });
    const handler = this.#methods[method];
    return handler === undefined ? ok({ ok: false, error: 'unknown_method' }) : ok(handler(params));
  }

  /** Stores bytes POSTed to an upload URL from files.getUploadURLExternal. */
  receiveUpload(fileId: string, bytes: Uint8Array): boolean {
    const upload = this.uploads.get(fileId);
    if (upload === undefined) return false;
    upload.bytes = bytes;
    return true;
  }

  nextTs(): string {
    this.#ts += 1;
    return `${Math.floor(Date.now() / 1000)}.${String(this.#ts).padStart(6, '0')}`;
  }

  #openConnection(): Record<string, unknown> {
    this.#ticket += 1;
    const ticket = `ticket-${this.#ticket}`;
    this.tickets.add(ticket);
    return { ok: true, url: `${this.baseUrl().replace(/^http/, 'ws')}/link/?ticket=${ticket}&app_id=${this.identity.appId}` };
  }

  readonly #methods: Record<string, (params: Record<string, unknown>) => Record<string, unknown>> = {
    'auth.test': () => ({
      ok: true,
      url: 'https://fake-workspace.slack.com/',
      team: 'Fake Workspace',
      user: this.identity.botName,
      team_id: this.identity.teamId,
      user_id: this.identity.botUserId,
      bot_id: this.identity.botId,
      is_enterprise_install: false,
    }),
    'chat.postMessage': (params) => {
      const channel = str(params['channel']);
      const text = str(params['text']);
      if (channel === undefined) return { ok: false, error: 'channel_not_found' };
      if (text === undefined || text === '') return { ok: false, error: 'no_text' };
      if (text.length > MAX_TEXT) return { ok: false, error: 'msg_too_long' };
      const ts = this.nextTs();
      const threadTs = str(params['thread_ts']);
      this.messages.push({ channel, ts, text, ...(threadTs === undefined ? {} : { threadTs }), edits: [text] });
      return {
        ok: true,
        channel,
        ts,
        message: { type: 'message', text, user: this.identity.botUserId, bot_id: this.identity.botId, ts, ...(threadTs === undefined ? {} : { thread_ts: threadTs }) },
      };
    },
    'chat.update': (params) => {
      const message = this.messages.find((candidate) => candidate.channel === params['channel'] && candidate.ts === params['ts']);
      if (message === undefined) return { ok: false, error: 'message_not_found' };
      const text = str(params['text']) ?? '';
      if (text.length > MAX_TEXT) return { ok: false, error: 'msg_too_long' };
      message.text = text;
      message.edits.push(text);
      return { ok: true, channel: message.channel, ts: message.ts, text };
    },
    'reactions.add': (params) => {
      const reaction = { channel: str(params['channel']) ?? '', timestamp: str(params['timestamp']) ?? '', name: str(params['name']) ?? '' };
      if (this.reactions.some((r) => r.channel === reaction.channel && r.timestamp === reaction.timestamp && r.name === reaction.name)) return { ok: false, error: 'already_reacted' };
      this.reactions.push(reaction);
      return { ok: true };
    },
    'reactions.remove': (params) => {
      const index = this.reactions.findIndex((r) => r.channel === params['channel'] && r.timestamp === params['timestamp'] && r.name === params['name']);
      if (index === -1) return { ok: false, error: 'no_reaction' };
      this.reactions.splice(index, 1);
      return { ok: true };
    },
    'conversations.info': (params) => {
      const conversation = this.conversations.get(str(params['channel']) ?? '');
      if (conversation === undefined) return { ok: false, error: 'channel_not_found' };
      const { type } = conversation;
      return {
        ok: true,
        channel: {
          id: conversation.id,
          ...(conversation.name === undefined ? {} : { name: conversation.name }),
          is_im: type === 'im',
          is_mpim: type === 'mpim',
          is_channel: type === 'channel',
          is_group: type === 'group' || type === 'mpim',
          is_private: type !== 'channel',
        },
      };
    },
    'users.info': (params) => {
      const user = this.users.get(str(params['user']) ?? '');
      if (user === undefined) return { ok: false, error: 'user_not_found' };
      return {
        ok: true,
        user: {
          id: user.id,
          team_id: this.identity.teamId,
          name: user.name,
          real_name: user.realName ?? user.name,
          is_bot: user.isBot ?? false,
          profile: { display_name: user.displayName ?? '', real_name: user.realName ?? user.name },
        },
      };
    },
    'files.getUploadURLExternal': (params) => {
      const filename = str(params['filename']);
      const length = Number(params['length']);
      if (filename === undefined || !Number.isInteger(length) || length < 0) return { ok: false, error: 'invalid_arguments' };
      this.#file += 1;
      const fileId = `F0UP${String(this.#file).padStart(5, '0')}`;
      this.uploads.set(fileId, { fileId, filename, length, completed: false });
      return { ok: true, upload_url: `${this.baseUrl()}/upload/v1/${fileId}`, file_id: fileId };
    },
    'files.completeUploadExternal': (params) => {
      let entries: Array<{ id: string; title?: string }>;
      try {
        entries = JSON.parse(typeof params['files'] === 'string' ? params['files'] : JSON.stringify(params['files'] ?? [])) as Array<{ id: string; title?: string }>;
      } catch {
        return { ok: false, error: 'invalid_arguments' };
      }
      const done: Array<Record<string, unknown>> = [];
      for (const entry of entries) {
        const upload = this.uploads.get(entry.id);
        if (upload?.bytes === undefined) return { ok: false, error: 'file_not_found' };
        upload.completed = true;
        const channelId = str(params['channel_id']);
        const threadTs = str(params['thread_ts']);
        if (channelId !== undefined) upload.channelId = channelId;
        if (threadTs !== undefined) upload.threadTs = threadTs;
        if (entry.title !== undefined) upload.title = entry.title;
        done.push({ id: upload.fileId, title: entry.title ?? upload.filename, name: upload.filename });
      }
      return { ok: true, files: done };
    },
  };
}

function ok(body: Record<string, unknown>): WebApiAnswer {
  return { status: 200, body };
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
}
