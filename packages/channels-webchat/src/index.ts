// Public surface of @rusty-claw/channels-webchat. Every export is deliberate.

export { createWebchatRoutes, type WebchatRoute } from './create-webchat-routes.js';
export { createWebchatChannel } from './webchat-channel.js';
export { resolveWebchatSettings, type WebchatSettings, type ResolvedWebchatSettings } from './webchat-settings.js';
export { webchatPageUrl, webchatEmbedSnippet } from './webchat-links.js';
export { WEBCHAT_CSP } from './webchat-http-headers.js';
export { WEBCHAT_ASSET_FILES, type WebchatAssetFile } from './webchat-asset-files.js';

export const VERSION = '0.1.0';
