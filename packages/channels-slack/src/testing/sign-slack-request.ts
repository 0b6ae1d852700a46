import { signSlackBody } from '../http/verify-slack-signature.js';

/** The headers Slack adds to every HTTP delivery: `x-slack-request-timestamp` and `x-slack-signature`. */
export function signSlackRequest(signingSecret: string, body: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  const timestamp = String(timestampSeconds);
  return { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': `v0=${signSlackBody(signingSecret, timestamp, body)}` };
}

export interface PostSlackEventOptions {
  signingSecret: string;
  /** An object is sent as JSON (Events API); a string is sent as is with `contentType`. */
  body: Record<string, unknown> | string;
  contentType?: string;
  /** Sign with this Unix time instead of now (replay tests). */
  timestampSeconds?: number;
  /** Send this signature instead of the right one. */
  signature?: string;
  retryNum?: number;
  retryReason?: string;
  signal?: AbortSignal;
}

export interface SlackHttpResponse {
  status: number;
  body: string;
}

/** One signed POST the way Slack sends Events API requests (headers, raw JSON body). */
export async function postSlackEvent(url: string, options: PostSlackEventOptions): Promise<SlackHttpResponse> {
  const raw = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  const headers: Record<string, string> = {
    'content-type': options.contentType ?? 'application/json',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    ...signSlackRequest(options.signingSecret, raw, options.timestampSeconds),
  };
  if (options.signature !== undefined) headers['x-slack-signature'] = options.signature;
  if (options.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(options.retryNum);
    headers['x-slack-retry-reason'] = options.retryReason ?? 'http_error';
  }
  const response = await fetch(url, { method: 'POST', headers, body: raw, ...(options.signal ? { signal: options.signal } : {}) });
  return { status: response.status, body: await response.text() };
}

export interface DeliverSlackEventOptions extends Omit<PostSlackEventOptions, 'retryNum' | 'retryReason' | 'signal'> {
  /** Slack retries a failed delivery up to 3 times. */
  maxRetries?: number;
  /** Pause before each retry (Slack: immediately, then 1 min, then 5 min; tests use a few ms). */
  retryDelayMs?: number;
  /** A delivery not answered within this time counts as failed (Slack: 3 s). */
  timeoutMs?: number;
}

/**
 * Delivers an event like Slack's Events API does: POST, and on anything but HTTP 200 (or no answer in time) retry
 * with `x-slack-retry-num` 1, 2, 3. Resolves with every attempt's outcome.
 */
export async function deliverSlackEvent(url: string, options: DeliverSlackEventOptions): Promise<Array<SlackHttpResponse & { retryNum: number }>> {
  const { maxRetries = 3, retryDelayMs = 20, timeoutMs = 3000, ...post } = options;
  const attempts: Array<SlackHttpResponse & { retryNum: number }> = [];
  for (let retryNum = 0; retryNum <= maxRetries; retryNum += 1) {
    if (retryNum > 0) await new Promise((resolve) => setTimeout(resolve, retryDelayMs));
    let outcome: SlackHttpResponse;
    try {
      outcome = await postSlackEvent(url, {
        ...post,
        signal: AbortSignal.timeout(timeoutMs),
        ...(retryNum > 0 ? { retryNum, retryReason: attempts.at(-1)?.status === 0 ? 'http_timeout' : 'http_error' } : {}),
      });
    } catch {
      outcome = { status: 0, body: '' };
    }
    attempts.push({ ...outcome, retryNum });
    if (outcome.status === 200) break;
  }
  return attempts;
}
