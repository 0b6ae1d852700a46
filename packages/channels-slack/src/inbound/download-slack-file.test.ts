import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { downloadSlackFile, isSlackFileUrl } from './download-slack-file.js';

describe('downloadSlackFile', () => {
  let server: Server;
  let origin: string;
  const seenAuth: Array<string | undefined> = [];
  beforeEach(async () => {
    seenAuth.length = 0;
    server = createServer((request, response) => {
      seenAuth.push(request.headers.authorization);
      if (request.url === '/redirect') {
        response.writeHead(302, { location: '/file' });
        response.end();
      } else if (request.url === '/evil-redirect') {
        response.writeHead(302, { location: 'https://attacker.example/steal' });
        response.end();
      } else if (request.url === '/big') {
        response.writeHead(200, { 'content-type': 'application/octet-stream' });
        response.end(Buffer.alloc(2048));
      } else if (request.url === '/login') {
        response.writeHead(200, { 'content-type': 'text/html' });
        response.end('<html>sign in</html>');
      } else {
        response.writeHead(200, { 'content-type': 'image/png' });
        response.end(Buffer.from('bytes'));
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  const options = () => ({ botToken: 'xoxb-t', extraOrigins: [origin], maxBytes: 1024 });

  test('sends the bot token and follows a redirect on an allowed host', async () => {
    expect(Buffer.from(await downloadSlackFile(`${origin}/redirect`, options())).toString()).toBe('bytes');
    expect(seenAuth).toEqual(['Bearer xoxb-t', 'Bearer xoxb-t']);
  });

  test('never sends the token to a host that is not Slack (also after a redirect)', async () => {
    await expect(downloadSlackFile('https://attacker.example/x', options())).rejects.toMatchObject({ code: 'SLACK_FILE_URL_REFUSED' });
    await expect(downloadSlackFile(`${origin}/evil-redirect`, options())).rejects.toMatchObject({ code: 'SLACK_FILE_URL_REFUSED' });
    expect(seenAuth).toHaveLength(1);
    expect(isSlackFileUrl(new URL('https://files.slack.com/files-pri/T-F/a.png'))).toBe(true);
    expect(isSlackFileUrl(new URL('http://files.slack.com/a'))).toBe(false);
    expect(isSlackFileUrl(new URL('https://files.slack.com.evil.io/a'))).toBe(false);
  });

  test('refuses files over the size cap and the HTML sign-in page', async () => {
    await expect(downloadSlackFile(`${origin}/big`, options())).rejects.toMatchObject({ code: 'SLACK_FILE_TOO_LARGE' });
    await expect(downloadSlackFile(`${origin}/login`, options())).rejects.toMatchObject({ code: 'SLACK_FILE_UNAUTHORIZED' });
  });
});
