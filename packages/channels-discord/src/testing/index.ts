export { FakeDiscordServer, createFakeDiscordServer, type FakeDiscordServerOptions } from './fake-discord-server.js';
export type {
  FakeDiscordAttachment,
  FakeDiscordCall,
  FakeDiscordChannel,
  FakeDiscordGuild,
  FakeDiscordInboundInput,
  FakeDiscordMessage,
  FakeDiscordRestFault,
  FakeDiscordSent,
  FakeDiscordUpload,
  FakeDiscordUser,
} from './fake-discord-types.js';
