// Loopback fake HTTP server (point real SDKs at it)
export { createFakeServer } from './fake-server/create-fake-server.js';
export { formatSseEvent } from './fake-server/format-sse-event.js';
export type {
  FakeServer,
  FakeServerCall,
  FakeRoutes,
  FakeRouteHandler,
  FakeRouteContext,
  FakeResponse,
  FakeJsonResponse,
  FakeSseResponse,
  FakeErrorResponse,
  FakeHangResponse,
  FakeMalformedResponse,
  FakeHeaders,
} from './fake-server/fake-server-types.js';

export { TestkitError } from './testkit-error.js';

export const VERSION = '0.1.0';
