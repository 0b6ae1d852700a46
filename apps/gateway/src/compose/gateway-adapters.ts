import type { RunGatewayFlags } from '@rusty-claw/gateway';
import { channelFactories } from './channel-factories.js';
import { providerFactories } from './provider-factories.js';
import { registerChannelConfigs } from './register-channel-configs.js';

/**
 * Everything the composition root plugs into `runGateway`: provider and channel factories (each package loads on
 * first use) and the embedded default web chat page. Shared by `rusty-claw-gateway` and `rusty-claw gateway run`,
 * so both start the same gateway.
 */
export function gatewayAdapters(): Pick<RunGatewayFlags, 'providers' | 'channels' | 'webchatPage' | 'registerChannelConfigs'> {
  return {
    providers: providerFactories(),
    channels: channelFactories(),
    registerChannelConfigs,
    webchatPage: {
      path: '/chat',
      routes: () => import('@rusty-claw/channels-webchat').then((m) => m.createWebchatRoutes({})),
    },
  };
}
