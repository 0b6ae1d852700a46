import { ChannelError } from '@rusty-claw/plugin-sdk';

export interface DownloadSlackFileOptions {
  botToken: string;
  /** Origins the bot token may be sent to besides Slack's own file hosts (the configured API origin). */
  extraOrigins?: readonly string[];
  maxBytes: number;
  signal?: AbortSignal;
  fetch?: typeof fetch;
}

const MAX_REDIRECTS = 3;

/**
 * Whether the bot token may be sent to `url`: only Slack's file hosts over https (or an origin the operator
 * configured, e.g. the API URL). A crafted event pointing `url_private` elsewhere must not leak the token.
 */
export function isSlackFileUrl(url: URL, extraOrigins: readonly string[] = []): boolean {
  if (extraOrigins.includes(url.origin)) return true;
  return url.protocol === 'https:' && (url.hostname === 'files.slack.com' || url.hostname.endsWith('.slack.com') || url.hostname.endsWith('.slack-edge.com'));
}

/**
 * Downloads a private Slack file (`url_private[_download]`) with the bot token, following at most three redirects
 * (each re-checked), refusing files over `maxBytes` and Slack's HTML sign-in page (what Slack serves instead of the
 * file when the token lacks `files:read`).
 */
export async function downloadSlackFile(fileUrl: string, options: DownloadSlackFileOptions): Promise<Uint8Array> {
  const doFetch = options.fetch ?? fetch;
  let url = new URL(fileUrl);
  for (let hop = 0; ; hop += 1) {
    if (!isSlackFileUrl(url, options.extraOrigins)) {
      throw new ChannelError('slack', `refusing to send the bot token to ${url.origin}: not a Slack file host`, { code: 'SLACK_FILE_URL_REFUSED' });
    }
    const response = await doFetch(url, {
      headers: { authorization: `Bearer ${options.botToken}` },
      redirect: 'manual',
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new ChannelError('slack', `too many redirects downloading ${fileUrl}`, { code: 'SLACK_FILE_DOWNLOAD_FAILED' });
      url = new URL(location, url);
      continue;
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new ChannelError('slack', `downloading a Slack file failed with HTTP ${response.status}`, {
        code: 'SLACK_FILE_DOWNLOAD_FAILED',
        statusCode: response.status,
        isRetryable: response.status >= 500 || response.status === 429,
      });
    }
    if ((response.headers.get('content-type') ?? '').startsWith('text/html')) {
      await response.body?.cancel();
      throw new ChannelError('slack', 'Slack answered with its sign-in page instead of the file: the bot token lacks the files:read scope or was revoked', {
        code: 'SLACK_FILE_UNAUTHORIZED',
      });
    }
    return readCapped(response, options.maxBytes);
  }
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooBig = () => new ChannelError('slack', `the Slack file is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit (mediaMaxMb)`, { code: 'SLACK_FILE_TOO_LARGE' });
  const declared = Number(response.headers.get('content-length') ?? Number.NaN);
  if (declared > maxBytes) {
    await response.body?.cancel();
    throw tooBig();
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (response.body === null) return new Uint8Array();
  for await (const chunk of response.body) {
    total += chunk.byteLength;
    if (total > maxBytes) throw tooBig();
    chunks.push(chunk);
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}
