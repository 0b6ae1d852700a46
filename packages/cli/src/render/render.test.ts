import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { formatDeviceList } from './format-devices.js';
import { formatHealth } from './format-health.js';
import { formatStatus } from './format-status.js';

function fixture(name: string): unknown {
  const text = readFileSync(new URL(`../__fixtures__/${name}`, import.meta.url), 'utf8');
  return (JSON.parse(text) as { payload: unknown }).payload;
}

const NOW = 1_795_542_500_000;
const url = 'ws://127.0.0.1:18789';

describe('formatHealth', () => {
  test("renders OpenClaw 2026.9.6's live health payload (extra fields ignored)", () => {
    const lines = formatHealth(fixture('openclaw-v4-health.json'), { url, elapsedMs: 12, now: NOW });
    expect(lines[0]).toBe(`Gateway ${url}: OK (3ms)`);
    expect(lines).toContain('Agents: main (default)');
    expect(lines).toContain('Heartbeat interval: 30m (main)');
    expect(lines).toContain('Event loop: ok max=21ms p99=21ms util=0.004');
    expect(lines.some((line) => line.startsWith('Plugins: 14 loaded (anthropic, browser'))).toBe(true);
    expect(lines.some((line) => line.startsWith('Session store (main): <peer state dir>/agents/main/agent/openclaw-agent.sqlite (0 entries)'))).toBe(true);
  });

  test('channels in channelOrder with their labels and link state; recent sessions with their age', () => {
    const lines = formatHealth(
      {
        ok: true,
        durationMs: 1,
        channels: { telegram: { accountId: 'default', configured: true, linked: true }, slack: { accountId: 'x', configured: false }, discord: { probe: { ok: false, error: 'HTTP 401' } } },
        channelOrder: ['slack', 'telegram'],
        channelLabels: { telegram: 'Telegram', slack: 'Slack' },
        agents: [],
        sessions: { path: '/s/sessions.json', count: 1, recent: [{ key: 'agent:main:main', updatedAt: NOW - 5 * 60_000 }] },
      },
      { url, elapsedMs: 2, now: NOW },
    );
    expect(lines).toEqual([
      `Gateway ${url}: OK (1ms)`,
      'Slack: not configured',
      'Telegram: linked',
      'discord: failed (HTTP 401)',
      'Session store: /s/sessions.json (1 entry)',
      '- agent:main:main (5m ago)',
    ]);
  });

  test.each([null, 42, 'text', [], { ok: 'yes', agents: 'many', channels: [1], sessions: { recent: 'x' } }])('never throws on %j', (payload) => {
    const lines = formatHealth(payload, { url, elapsedMs: 7 });
    expect(lines[0]).toBe(`Gateway ${url}: NOT OK (7ms)`);
  });
});

describe('formatStatus', () => {
  test("renders OpenClaw 2026.9.6's live status payload with its hello-ok", () => {
    const lines = formatStatus(fixture('openclaw-v4-status.json'), { url, hello: fixture('openclaw-v4-hello-ok.json'), elapsedMs: 40, now: NOW });
    expect(lines[0]).toBe(`Gateway: ${url} · reachable (40ms) · protocol v4 · version 2026.9.6 · up 1m`);
    expect(lines).toContain('Auth: token · role operator · scopes operator.read');
    expect(lines).toContain('Heartbeat: main every 30m');
    expect(lines).toContain('Channels: none');
    expect(lines).toContain('Sessions: 0');
    expect(lines).toContain('Tasks: total 0 · active 0 · failures 0');
    expect(lines).toContain('Queued system events: 0');
    expect(lines).toContain('Memory: RSS 594.5 MiB');
  });

  test.each([null, [], { heartbeat: { agents: 'x' }, sessions: 4, tasks: [] }])('never throws on %j', (payload) => {
    const lines = formatStatus(payload, { url, hello: { protocol: 3, server: { version: '1.0.0' } }, elapsedMs: 1 });
    expect(lines[0]).toBe(`Gateway: ${url} · reachable (1ms) · protocol v3 · version 1.0.0`);
  });
});

describe('formatDeviceList', () => {
  test('pending requests by requestId and paired devices with their active token roles', () => {
    const lines = formatDeviceList(
      {
        pending: [{ requestId: 'req-1', deviceId: 'a'.repeat(64), publicKey: 'k', displayName: 'laptop', platform: 'linux', role: 'operator', scopes: ['operator.read'], ts: NOW - 120_000 }],
        paired: [
          {
            deviceId: 'dev-2',
            publicKey: 'k',
            clientId: 'cli',
            roles: ['operator'],
            scopes: ['operator.admin'],
            tokens: [
              { role: 'operator', scopes: ['operator.admin'], createdAtMs: 1 },
              { role: 'node', scopes: [], createdAtMs: 1, revokedAtMs: 2 },
            ],
            createdAtMs: 1,
            approvedAtMs: NOW - 3_600_000,
          },
        ],
      },
      NOW,
    );
    expect(lines).toEqual([
      'Pending (1)',
      `  req-1  device aaaaaaaaaaaa… · laptop / linux · operator [operator.read] · 2m ago`,
      'Paired (1)',
      '  dev-2  cli · operator [operator.admin] · tokens: operator · approved 1h ago',
    ]);
  });

  test('an empty or malformed list renders as empty sections', () => {
    expect(formatDeviceList({ pending: [], paired: [] })).toEqual(['Pending (0)', 'Paired (0)']);
    expect(formatDeviceList('garbage')).toEqual(['Pending (0)', 'Paired (0)']);
  });
});
