// Idle RSS of a gateway with all four channels configured and connected (issue 5's goal: ≤ 60 MiB): Telegram,
// Discord and Slack against their fake servers on 127.0.0.1 (a real long poll, a real Discord gateway WebSocket with
// heartbeats, a real Socket Mode WebSocket), and the web chat mounted. Run directly (`node channels-idle-rss.ts`) it
// prints its section alone. channels-gateway-child.mjs is the gateway process (JavaScript, so no TypeScript loader inflates the number).
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GatewayProcess } from '../gateway-process.ts';
import { processTreeRss } from '../process-tree.ts';
import { formatMiB, MiB, table } from './stats.ts';

const TOKEN = 'bench-channels-token-0123456789abcdef';
const child = fileURLToPath(new URL('./channels-gateway-child.mjs', import.meta.url));
const self = fileURLToPath(import.meta.url);

interface ChannelsRss {
  rssBytes: number;
  /** `channel: running/connected` per account, as channels.status reported it when measured. */
  accounts: string[];
}

/** Starts the fakes and a gateway with the four channels, waits for them to connect, idles, sums the tree's RSS. */
export async function measureChannelsIdleRss(options: { idleMs: number; channels?: boolean }): Promise<ChannelsRss> {
  const { startFakeTelegramServer } = await import('@rusty-claw/channels-telegram/testing');
  const { createFakeDiscordServer } = await import('@rusty-claw/channels-discord/testing');
  const { FakeSlackServer } = await import('@rusty-claw/channels-slack/testing');
  const { GatewayClient } = await import('@rusty-claw/protocol');
  const telegram = await startFakeTelegramServer();
  const discord = await createFakeDiscordServer({ guilds: [{ id: '200000000000000001', name: 'Bench', channels: [{ id: '300000000000000001', type: 0, name: 'general' }] }] });
  const slack = await FakeSlackServer.start();
  const stateDir = await mkdtemp(join(tmpdir(), 'rc-bench-channels-'));
  let gateway: GatewayProcess | undefined;
  try {
    const config = {
      channels: options.channels === false ? {} : {
        telegram: { botToken: telegram.token, apiRoot: telegram.apiRoot, dmPolicy: 'pairing' },
        discord: { token: 'fake-discord-token', apiRoot: discord.apiUrl, cdnRoot: discord.cdnUrl, dmPolicy: 'pairing' },
        slack: { mode: 'socket', botToken: slack.identity.botToken, appToken: slack.identity.appToken, dmPolicy: 'pairing' },
        webchat: {},
      },
    };
    await writeFile(join(stateDir, 'rusty-claw.json'), JSON.stringify(config), { mode: 0o600 });
    gateway = new GatewayProcess('rusty-claw gateway (4 channels)', process.execPath, [child, stateDir, TOKEN, slack.apiUrl], {
      cwd: stateDir,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', HOME: stateDir, LANG: 'C.UTF-8' },
    });
    const [, url = ''] = await gateway.waitForLine(/listening on (ws:\/\/\S+)/, 20_000);
    const client = new GatewayClient({ url, token: TOKEN, scopes: ['operator.read'], reconnect: false });
    await client.connect();
    let accounts: string[] = [];
    const deadline = Date.now() + 20_000;
    for (;;) {
      const status = await client.request<{ channelAccounts: Record<string, Array<{ running?: boolean; connected?: boolean; lastError?: string }>> }>('channels.status');
      const rows = Object.entries(status.channelAccounts).flatMap(([channel, list]) => list.map((account) => ({ channel, ...account })));
      accounts = rows.map((row) => `${row.channel}: ${row.connected ? 'connected' : row.running ? 'running' : `down${row.lastError ? ` (${row.lastError})` : ''}`}`);
      if (rows.length === (options.channels === false ? 0 : 4) && rows.every((row) => row.running && (row.connected || row.channel === 'webchat'))) break;
      if (Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.close();
    await new Promise((resolve) => setTimeout(resolve, options.idleMs));
    return { rssBytes: processTreeRss(gateway.pid).rssBytes, accounts };
  } finally {
    await gateway?.stop();
    await Promise.allSettled([telegram.close(), discord.close(), slack.close()]);
    await rm(stateDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

/** The bench report section (markdown lines). */
export async function channelsIdleRssSection(options: { idleMs: number }): Promise<string[]> {
  process.stderr.write('bench: idle RSS with telegram, discord, slack and webchat configured\n');
  const base = await measureChannelsIdleRss({ ...options, channels: false });
  const result = await measureChannelsIdleRss(options);
  return [
    '',
    '## Idle RSS with four channels (Rusty Claw)',
    `Telegram (long poll), Discord (gateway WebSocket) and Slack (Socket Mode) connected to their fakes on 127.0.0.1, the web chat mounted; ${options.idleMs} ms idle, VmRSS of the process tree.`,
    '',
    table(
      ['channels', 'idle RSS', 'goal ≤ 60 MiB'],
      [
        ['none (same gateway, no channels block)', formatMiB(base.rssBytes), base.rssBytes <= 60 * MiB ? 'met' : 'NOT met'],
        [result.accounts.join(', '), formatMiB(result.rssBytes), result.rssBytes <= 60 * MiB ? 'met' : 'NOT met'],
      ],
    ),
  ];
}

if (process.argv[1] === self) {
  process.stdout.write(`${(await channelsIdleRssSection({ idleMs: 2000 })).join('\n')}\n`);
}
