import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { ChannelMethodNames, ChannelsPairingApproveParamsSchema, ChannelsPairingDismissParamsSchema, ErrorCodes } from '@rusty-claw/protocol';
import { pairingApprovedText } from '../router/pairing/pairing-reply.js';
import type { GatewayContext } from '../server/gateway-context.js';
import { defineMethod } from './method-definition.js';
import { pairingAccounts } from './pairing-list-method.js';

function notFound(params: { code?: string | undefined }): ProtocolError {
  return new ProtocolError(
    ErrorCodes.INVALID_REQUEST,
    params.code !== undefined ? `No pending pairing request found for code: ${params.code}` : 'pending DM access request no longer exists',
  );
}

function checkChannel(ctx: GatewayContext, params: { channel: string; accountId?: string | undefined }): void {
  if (pairingAccounts(ctx, params).length === 0) {
    throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `channel account does not use DM pairing: ${params.channel}${params.accountId ? `:${params.accountId}` : ''}`);
  }
}

/**
 * `channels.pairing.approve {channel, accountId?, code | requestId, notify?}` (scope operator.pairing): the sender
 * joins the account's pairing allowlist (`<stateDir>/credentials/<channel>[-<account>]-allowFrom.json`), so their
 * next message reaches the agent. `notify` tells them in the chat they wrote from.
 */
export const pairingApproveMethod = defineMethod({
  name: ChannelMethodNames.ChannelsPairingApprove,
  params: ChannelsPairingApproveParamsSchema,
  handle: async ({ ctx, params }) => {
    checkChannel(ctx, params);
    const channel = params.channel.trim().toLowerCase();
    const approved = await ctx.router.pairing.approve({ ...params, channel });
    if (!approved) throw notFound(params);
    const { request, accountId } = approved;
    ctx.logger.info({ channel, accountId, senderId: request.id }, 'DM pairing approved');
    let notification: 'not-requested' | 'sent' | 'unsupported' | 'failed' = 'not-requested';
    if (params.notify === true) {
      const running = ctx.channels.get(channel, accountId);
      if (!running) notification = 'unsupported';
      else {
        try {
          await running.send({ chatId: request.meta?.['chatId'] ?? request.id }, { text: pairingApprovedText() });
          notification = 'sent';
        } catch (error) {
          ctx.logger.warn({ channel, accountId, error: String(error) }, 'pairing approval notice could not be sent');
          notification = 'failed';
        }
      }
    }
    return {
      requestId: ctx.router.pairing.requestIdOf(channel, request),
      senderId: request.id,
      notification,
      // Rusty Claw has no command owners yet (OpenClaw's commands.ownerAllowFrom).
      commandOwnerBootstrap: params.bootstrapCommandOwner === true ? 'unavailable' : 'not-requested',
      channel,
      accountId,
    };
  },
});

/** `channels.pairing.dismiss {channel, accountId?, code | requestId}`: drops the request; the sender is not blocked. */
export const pairingDismissMethod = defineMethod({
  name: ChannelMethodNames.ChannelsPairingDismiss,
  params: ChannelsPairingDismissParamsSchema,
  handle: async ({ ctx, params }) => {
    checkChannel(ctx, params);
    const channel = params.channel.trim().toLowerCase();
    const dismissed = await ctx.router.pairing.dismiss({ ...params, channel });
    if (!dismissed) throw notFound(params);
    return { requestId: ctx.router.pairing.requestIdOf(channel, dismissed.request), senderId: dismissed.request.id, channel, accountId: dismissed.accountId };
  },
});
