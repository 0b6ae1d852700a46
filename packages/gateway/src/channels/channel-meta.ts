/** How a channel is labelled in `channels.status` and `health` (OpenClaw's channel catalog for the ones it has). */
export interface ChannelMeta {
  id: string;
  label: string;
  detailLabel: string;
  systemImage?: string;
  /** What the platform calls a sender id (pairing messages, `channels.pairing.list`). */
  senderLabel: string;
}

const KNOWN: Readonly<Record<string, Omit<ChannelMeta, 'id'>>> = {
  telegram: { label: 'Telegram', detailLabel: 'Telegram Bot', systemImage: 'paperplane', senderLabel: 'Telegram user id' },
  discord: { label: 'Discord', detailLabel: 'Discord Bot', systemImage: 'bubble.left.and.bubble.right', senderLabel: 'Discord user id' },
  slack: { label: 'Slack', detailLabel: 'Slack Bot', systemImage: 'number', senderLabel: 'Slack user id' },
  webchat: { label: 'WebChat', detailLabel: 'Web Chat', systemImage: 'globe', senderLabel: 'WebChat user id' },
};

/** The order `channels.status` lists channels in: the known ones first, then the rest by name. */
export const CHANNEL_ORDER: readonly string[] = Object.keys(KNOWN);

export function channelMeta(channel: string): ChannelMeta {
  const known = KNOWN[channel];
  if (known) return { id: channel, ...known };
  const label = channel.charAt(0).toUpperCase() + channel.slice(1);
  return { id: channel, label, detailLabel: label, senderLabel: `${label} user id` };
}

export function sortChannels(channels: Iterable<string>): string[] {
  return [...new Set(channels)].sort((a, b) => {
    const ia = CHANNEL_ORDER.indexOf(a);
    const ib = CHANNEL_ORDER.indexOf(b);
    if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
    return a.localeCompare(b);
  });
}
