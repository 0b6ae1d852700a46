import { ProtocolError } from '@rusty-claw/plugin-sdk';
import {
  ChannelMethodNames,
  ChannelsLoginParamsSchema,
  ChannelsLogoutParamsSchema,
  ChannelsStartParamsSchema,
  ChannelsStopParamsSchema,
  ErrorCodes,
  type ChannelAccountParams,
} from '@rusty-claw/protocol';
import type { GatewayContext } from '../server/gateway-context.js';
import { defineMethod } from './method-definition.js';

/**
 * The account a `channels.*` call means: the named one, else the channel's `defaultAccount`, else `default`, else
 * its first. Unknown channels and accounts are INVALID_REQUEST, as in OpenClaw.
 */
export function resolveAccountParams(ctx: GatewayContext, params: ChannelAccountParams): { channel: string; accountId: string } {
  const channel = params.channel.trim().toLowerCase();
  if (!ctx.channels.channelNames().includes(channel)) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `unknown channel: ${params.channel}`);
  const accounts = ctx.channels.accounts(channel);
  const ids = accounts.map((account) => account.accountId);
  const requested = params.accountId?.trim().toLowerCase();
  const named = accounts[0]?.config['defaultAccount'];
  const fallback = typeof named === 'string' && ids.includes(named.trim().toLowerCase()) ? named.trim().toLowerCase() : ids.includes('default') ? 'default' : ids[0];
  const accountId = requested || fallback;
  if (!accountId || !ids.includes(accountId)) {
    throw new ProtocolError(ErrorCodes.INVALID_REQUEST, `channels.${channel} has no account "${requested ?? 'default'}"${ids.length > 0 ? ` (accounts: ${ids.join(', ')})` : ''}`);
  }
  return { channel, accountId };
}

/** Tells watching clients at once: a `health` event with the new channel state. */
function publishHealth(ctx: GatewayContext): void {
  ctx.health.refresh().catch((error: unknown) => ctx.logger.warn({ error: String(error) }, 'health refresh failed'));
}

async function lastErrorOf(ctx: GatewayContext, channel: string, accountId: string): Promise<string | undefined> {
  const view = (await ctx.channels.views()).find((entry) => entry.channel === channel)?.accounts.find((entry) => entry.account.accountId === accountId);
  return view?.status?.lastError ?? view?.runtime.lastError;
}

/** `channels.start {channel, accountId?}` (admin): starts the account; `started` says whether it runs now. */
export const channelsStartMethod = defineMethod({
  name: ChannelMethodNames.ChannelsStart,
  params: ChannelsStartParamsSchema,
  handle: async ({ ctx, params }) => {
    const { channel, accountId } = resolveAccountParams(ctx, params);
    const started = await ctx.channels.startAccount(channel, accountId);
    publishHealth(ctx);
    const lastError = started ? undefined : await lastErrorOf(ctx, channel, accountId);
    return { channel, accountId, started, ...(lastError === undefined ? {} : { lastError }) };
  },
});

/** `channels.stop {channel, accountId?}` (admin). A stopped account starts again with the gateway. */
export const channelsStopMethod = defineMethod({
  name: ChannelMethodNames.ChannelsStop,
  params: ChannelsStopParamsSchema,
  handle: async ({ ctx, params }) => {
    const { channel, accountId } = resolveAccountParams(ctx, params);
    const stopped = await ctx.channels.stopAccount(channel, accountId);
    publishHealth(ctx);
    return { channel, accountId, stopped };
  },
});

/** `channels.logout {channel, accountId?}` (admin): stops the account and keeps it stopped across restarts. */
export const channelsLogoutMethod = defineMethod({
  name: ChannelMethodNames.ChannelsLogout,
  params: ChannelsLogoutParamsSchema,
  handle: async ({ ctx, params }) => {
    const { channel, accountId } = resolveAccountParams(ctx, params);
    await ctx.channels.logout(channel, accountId);
    publishHealth(ctx);
    // The credentials stay in the config (OpenClaw deletes the token): `channels.login` needs no secret again.
    return { channel, accountId, cleared: false, loggedOut: true };
  },
});

/** `channels.login {channel, accountId?}` (admin): undoes a logout and starts the account. */
export const channelsLoginMethod = defineMethod({
  name: ChannelMethodNames.ChannelsLogin,
  params: ChannelsLoginParamsSchema,
  handle: async ({ ctx, params }) => {
    const { channel, accountId } = resolveAccountParams(ctx, params);
    const started = await ctx.channels.login(channel, accountId);
    publishHealth(ctx);
    const lastError = started ? undefined : await lastErrorOf(ctx, channel, accountId);
    return { channel, accountId, loggedOut: false as const, started, ...(lastError === undefined ? {} : { lastError }) };
  },
});
