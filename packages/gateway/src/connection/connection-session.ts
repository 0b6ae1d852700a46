import type { ClientInfo, ProtocolVersion } from '@rusty-claw/protocol';
import type { WebchatScope } from '../webchat/webchat-scope.js';

/** How a socket proved itself at `connect` (v4 `hello-ok.auth.method`). */
export type AuthMethod = 'none' | 'token' | 'password' | 'device-token';

/** What the server decided at `connect`: the socket's identity and rights for its whole life. */
export interface ConnectionSession {
  protocol: ProtocolVersion;
  role: 'operator' | 'node';
  /** Scopes checked on every call. Decided by the server, never re-read from the client. */
  scopes: string[];
  client: ClientInfo;
  caps: string[];
  authMethod: AuthMethod;
  /** Set when the socket presented a verified device identity. */
  deviceId?: string;
  /** Key of this socket's presence entry; absent for CLI-mode clients, which presence skips. */
  presenceKey?: string;
  connectedAtMs: number;
  /** Set when the socket authenticated with the web chat token: it may only use this one session. */
  webchat?: WebchatScope;
}
