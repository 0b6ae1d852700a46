import { ChannelError } from '@rusty-claw/plugin-sdk';
import type { Api } from 'grammy';
import { toChannelError } from './classify-telegram-error.js';
import { grammySignal } from './grammy-signal.js';

export interface DownloadTelegramFileOptions {
  api: Api;
  apiRoot: string;
  token: string;
  maxBytes: number;
}

/**
 * Downloads a file the bot received: getFile → `file_path` → `GET {apiRoot}/file/bot<token>/<file_path>`. The URL
 * holds the token, so it never appears in errors or logs. `file_path` comes from the server and is refused when it
 * could climb out of the file route (`..`, absolute paths). The size limit (mediaMaxMb) is checked before and while
 * reading.
 */
export async function downloadTelegramFile(options: DownloadTelegramFileOptions, fileId: string, signal?: AbortSignal): Promise<Uint8Array> {
  const file = await options.api.getFile(fileId, grammySignal(signal)).catch((error: unknown) => {
    throw toChannelError('getFile', error);
  });
  const path = file.file_path;
  if (!path) throw new ChannelError('telegram', `getFile returned no file_path for ${fileId} (file too big for the Bot API?)`, { code: 'CHANNEL_FILE_UNAVAILABLE' });
  if (path.startsWith('/') || path.split('/').some((segment) => segment === '..' || segment === '.')) {
    throw new ChannelError('telegram', 'getFile returned an unsafe file_path', { code: 'CHANNEL_FILE_UNAVAILABLE' });
  }
  if (file.file_size !== undefined && file.file_size > options.maxBytes) {
    throw new ChannelError('telegram', `file is ${file.file_size} bytes, over the ${options.maxBytes}-byte limit (mediaMaxMb)`, { code: 'CHANNEL_FILE_TOO_LARGE' });
  }
  const url = `${options.apiRoot}/file/bot${options.token}/${path.split('/').map(encodeURIComponent).join('/')}`;
  let response: Response;
  try {
    response = await fetch(url, signal ? { signal } : {});
  } catch (error) {
    throw new ChannelError('telegram', `file download failed: ${(error as Error).name}`, { code: 'CHANNEL_FILE_UNAVAILABLE', isRetryable: true });
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new ChannelError('telegram', `file download failed: HTTP ${response.status}`, {
      code: 'CHANNEL_FILE_UNAVAILABLE',
      statusCode: response.status,
      isRetryable: response.status >= 500,
    });
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    if (size > options.maxBytes) {
      throw new ChannelError('telegram', `file is over the ${options.maxBytes}-byte limit (mediaMaxMb)`, { code: 'CHANNEL_FILE_TOO_LARGE' });
    }
    chunks.push(chunk);
  }
  const bytes = new Uint8Array(size);
  let position = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, position);
    position += chunk.byteLength;
  }
  return bytes;
}
