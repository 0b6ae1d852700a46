import { channelMeta } from '../../channels/channel-meta.js';

/** The message an unknown sender gets under `dmPolicy: pairing` (OpenClaw's wording, our CLI's command). */
export function pairingReplyText(channel: string, senderId: string, code: string): string {
  const approve = `rusty-claw pairing approve ${channel} ${code}`;
  return [
    'Rusty Claw: access not configured.',
    '',
    `Your ${channelMeta(channel).senderLabel}: ${senderId}`,
    'Pairing code:',
    '```',
    code,
    '```',
    '',
    'Ask the bot owner to approve with:',
    '```',
    approve,
    '```',
  ].join('\n');
}

/** Sent on `channels.pairing.approve {notify: true}` (OpenClaw's approval notice). */
export function pairingApprovedText(): string {
  return '✅ Rusty Claw access approved. Send a message to start chatting.';
}
