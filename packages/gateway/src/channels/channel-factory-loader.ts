import type { ChannelFactory } from '@rusty-claw/plugin-sdk';

/**
 * How the composition root hands the gateway a channel implementation without the gateway depending on channel
 * packages: a factory, or a function that imports one on first use (so an SDK is loaded only when its channel is
 * configured, and never on the start path), e.g.
 * `{ telegram: () => import('@rusty-claw/channels-telegram').then((m) => m.createTelegramChannel) }`.
 */
export type ChannelFactoryLoader = () => ChannelFactory | Promise<ChannelFactory>;

/** Channel name → loader. */
export type ChannelFactories = Readonly<Record<string, ChannelFactoryLoader>>;
