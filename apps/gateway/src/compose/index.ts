export { gatewayAdapters } from './gateway-adapters.js';
export { channelFactories } from './channel-factories.js';
export { providerFactories } from './provider-factories.js';
export { registerChannelConfigs } from './register-channel-configs.js';
