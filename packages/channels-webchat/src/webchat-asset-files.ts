/** The files of `dist/assets`, as the build writes them and the routes serve them. */
export const WEBCHAT_ASSET_FILES = ['chat.html', 'chat.js', 'chat.css', 'widget.js'] as const;
export type WebchatAssetFile = (typeof WEBCHAT_ASSET_FILES)[number];
