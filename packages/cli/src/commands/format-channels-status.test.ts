import { describe, expect, it } from 'vitest';
import { formatChannelsStatus, formatPairingList } from './format-channels-status.js';

const now = Date.parse('2026-05-01T12:00:00Z');

describe('formatChannelsStatus', () => {
  it('one line per account with state, mode, traffic and reconnects; errors and probes below', () => {
    const lines = formatChannelsStatus(
      {
        channelOrder: ['telegram', 'slack'],
        channelLabels: { telegram: 'Telegram', slack: 'Slack' },
        channelAccounts: {
          telegram: [
            { accountId: 'default', running: true, connected: true, mode: 'polling', lastInboundAt: now - 120_000, reconnectCount: 2, dmPolicy: 'pairing', probe: { ok: true, self: { id: '1', username: 'rusty_bot' } } },
            { accountId: 'work', name: 'Work', running: false, connected: false, healthState: 'failed', lastError: '401 Unauthorized', reconnectCount: 0 },
          ],
          slack: [],
        },
      },
      now,
    );
    expect(lines).toEqual([
      'Telegram default: connected · polling · in 2m ago · out never · reconnects 2',
      '  dm policy: pairing',
      '  probe: ok as rusty_bot',
      'Telegram work (Work): failed · in never · out never · reconnects 0',
      '  last error: 401 Unauthorized',
      'Slack: no accounts',
    ]);
  });

  it('says so when nothing is configured, and tolerates a foreign payload', () => {
    expect(formatChannelsStatus({ channelOrder: [] })).toEqual(['No channels are configured (add one under channels.<name> in the config).']);
    expect(formatChannelsStatus(null)).toHaveLength(1);
  });
});

describe('formatPairingList', () => {
  it('lists code, account, sender and age', () => {
    expect(
      formatPairingList(
        { requests: [{ code: 'ABCD2345', channel: 'telegram', accountId: 'default', senderId: '42', metadata: { username: 'carol' }, createdAt: new Date(now - 300_000).toISOString() }] },
        now,
      ),
    ).toEqual(['Pairing requests (1):', '  ABCD2345  telegram/default  sender 42 (carol)  5m ago']);
    expect(formatPairingList({ requests: [] })).toEqual(['No pending pairing requests.']);
  });
});
