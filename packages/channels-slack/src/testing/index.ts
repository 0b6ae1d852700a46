export { FakeSlackServer, type FakeSlackServerOptions } from './fake-slack-server.js';
export type { FakeEnvelope, SlackDisconnectReason } from './fake-slack-socket.js';
export type {
  FakeSlackCall,
  FakeSlackConversation,
  FakeSlackFault,
  FakeSlackIdentity,
  FakeSlackMessage,
  FakeSlackReaction,
  FakeSlackUpload,
  FakeSlackUser,
} from './fake-slack-state.js';
export {
  buildAppMentionEvent,
  buildEventCallback,
  buildMessageEvent,
  nextSlackTs,
  type BuildMessageEventOptions,
  type SlackChannelType,
  type SlackFileShape,
} from './slack-event-builders.js';
export {
  deliverSlackEvent,
  postSlackEvent,
  signSlackRequest,
  type DeliverSlackEventOptions,
  type PostSlackEventOptions,
  type SlackHttpResponse,
} from './sign-slack-request.js';
