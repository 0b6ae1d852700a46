import { ChannelMethodNames, ChannelsStatusParamsSchema } from '@rusty-claw/protocol';
import { buildChannelsStatus } from '../channels/build-channels-status.js';
import { defineMethod } from './method-definition.js';

/** OpenClaw's bounds on a probing `channels.status` (a probe may hit each platform's API). */
const PROBE_TIMEOUT_DEFAULT_MS = 10_000;
const PROBE_TIMEOUT_MIN_MS = 1_000;
const PROBE_TIMEOUT_MAX_MS = 30_000;

/**
 * `channels.status {probe?, timeoutMs?}` (scope operator.read): every configured channel account with running,
 * connected, last inbound/outbound, last error and reconnect count, in OpenClaw's ChannelsStatusResult shape.
 * `probe: true` first checks each running account against its platform (e.g. Telegram `getMe`).
 */
export const channelsStatusMethod = defineMethod({
  name: ChannelMethodNames.ChannelsStatus,
  params: ChannelsStatusParamsSchema,
  handle: async ({ ctx, params }) => {
    if (params.probe === true) {
      const timeoutMs = Math.min(PROBE_TIMEOUT_MAX_MS, Math.max(PROBE_TIMEOUT_MIN_MS, params.timeoutMs ?? PROBE_TIMEOUT_DEFAULT_MS));
      await ctx.channels.probeAll(timeoutMs);
    }
    return buildChannelsStatus(await ctx.channels.views(), { now: ctx.now(), activeRuns: (channel, accountId) => ctx.router.activeRuns(channel, accountId) });
  },
});
