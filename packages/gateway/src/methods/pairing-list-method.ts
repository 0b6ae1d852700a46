import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { ChannelMethodNames, ChannelsPairingListParamsSchema, ErrorCodes, type ChannelPairingAccount, type ChannelPairingRequest } from '@rusty-claw/protocol';
import { channelMeta } from '../channels/channel-meta.js';
import { resolveDmPolicy } from '../router/access/check-inbound-access.js';
import { PAIRING_PENDING_MAX, PAIRING_PENDING_TTL_MS } from '../router/pairing/channel-pairing-store.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { defineMethod } from './method-definition.js';

/** The enabled accounts whose `dmPolicy` is `pairing` (optionally one channel / account); unknown channel → error. */
export function pairingAccounts(ctx: GatewayContext, filter: { channel?: string | undefined; accountId?: string | undefined }): ChannelPairingAccount[] {
  const channel = filter.channel?.trim().toLowerCase();
  const accountId = filter.accountId?.trim().toLowerCase();
  const names = ctx.channels.channelNames();
  if (channel !== undefined && !names.includes(channel)) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `unknown pairing channel: ${filter.channel ?? ''}`);
  const accounts: ChannelPairingAccount[] = [];
  for (const name of names) {
    if (channel !== undefined && name !== channel) continue;
    for (const account of ctx.channels.accounts(name)) {
      if (accountId !== undefined && account.accountId !== accountId) continue;
      if (!account.enabled || resolveDmPolicy(name, account.config) !== 'pairing') continue;
      accounts.push({
        channel: name,
        channelLabel: channelMeta(name).label,
        accountId: account.accountId,
        ...(account.name === undefined ? {} : { accountLabel: account.name }),
        notifySupported: true,
      });
    }
  }
  return accounts;
}

/**
 * `channels.pairing.list {channel?, accountId?}` (scope operator.pairing): the pairing-policy accounts and their
 * pending DM access requests (OpenClaw 2026.9.6's shape, plus each request's `code`).
 */
export const pairingListMethod = defineMethod({
  name: ChannelMethodNames.ChannelsPairingList,
  params: ChannelsPairingListParamsSchema,
  handle: async ({ ctx, params }) => {
    const accounts = pairingAccounts(ctx, params);
    const requests: ChannelPairingRequest[] = [];
    for (const account of accounts) {
      for (const request of await ctx.router.pairing.list(account.channel, account.accountId)) {
        const { accountId: _account, senderId: _sender, ...metadata } = request.meta ?? {};
        requests.push({
          requestId: ctx.router.pairing.requestIdOf(account.channel, request),
          channel: account.channel,
          channelLabel: account.channelLabel,
          accountId: account.accountId,
          ...(account.accountLabel === undefined ? {} : { accountLabel: account.accountLabel }),
          senderId: request.id,
          senderLabel: channelMeta(account.channel).senderLabel,
          ...(Object.keys(metadata).length > 0 ? { metadata } : {}),
          createdAt: request.createdAt,
          lastSeenAt: request.lastSeenAt,
          expiresAt: new Date(Date.parse(request.createdAt) + PAIRING_PENDING_TTL_MS).toISOString(),
          notifySupported: account.notifySupported,
          code: request.code,
        });
      }
    }
    return { accounts, requests, commandOwnerConfigured: false, limits: { pendingPerAccount: PAIRING_PENDING_MAX, ttlMs: PAIRING_PENDING_TTL_MS } };
  },
});
