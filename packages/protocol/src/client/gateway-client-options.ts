import type { DeviceIdentity } from '../device/device-identity.js';
import type { GatewayClientError } from '../errors/gateway-client-error.js';
import type { GatewayRequestError } from '../errors/gateway-request-error.js';
import type { ClientInfo } from '../schema/connect-params.js';
import type { EventFrame } from '../schema/frames.js';
import type { HelloOk } from '../schema/hello-ok.js';
import type { ReconnectOptions } from './reconnect-backoff.js';

/** Settings of a GatewayClient. Only `url` is required. */
export interface GatewayClientOptions {
  /** `ws://host:port` or `wss://…`. Plain `ws://` to a non-loopback host is refused unless `allowInsecureRemote`. */
  url: string;
  /** Shared gateway token (`connect.auth.token`). */
  token?: string;
  /** Shared gateway password (`connect.auth.password`). */
  password?: string;
  /** A device token issued in an earlier hello-ok (`connect.auth.deviceToken`). */
  deviceToken?: string;
  /** A one-time bootstrap token (`connect.auth.bootstrapToken`). */
  bootstrapToken?: string;
  /** Sign the challenge with this identity (`connect.device`). */
  device?: DeviceIdentity;
  /** Overrides of `connect.client`. Default: `{id:"cli", mode:"cli", version, platform: process.platform, instanceId: <uuid>}`. */
  client?: Partial<ClientInfo>;
  /** Default `operator`. */
  role?: string;
  /** Requested scopes. Default none (enough for `health` only). */
  scopes?: readonly string[];
  /** `connect.caps`, e.g. `["tool-events"]`. Default `[]`. */
  caps?: readonly string[];
  /** Protocol range offered. Default 3…4. */
  minProtocol?: number;
  maxProtocol?: number;
  /** Per-request timeout (ms). Default 30000. */
  requestTimeoutMs?: number;
  /** Time from opening the socket to hello-ok (challenge + connect) in ms. Default 15000. */
  connectTimeoutMs?: number;
  /**
   * Reconnect with exponential backoff and full jitter after a drop, and retry a failed first connect.
   * Stops on the non-retryable handshake refusals (auth missing/mismatched password, rate limit,
   * device token mismatch, pairing or device identity required). Default off.
   */
  reconnect?: boolean | ReconnectOptions;
  /** Allow plaintext `ws://` to a non-loopback host (credentials would travel unencrypted). */
  allowInsecureRemote?: boolean;
  /** Every valid event frame except `connect.challenge`. */
  onEvent?: (event: EventFrame) => void;
  /** After every successful handshake (the first and each reconnect). */
  onHello?: (hello: HelloOk) => void;
  /** When the socket closes, with the WebSocket close code and reason. */
  onClose?: (info: { code: number; reason: string }) => void;
  /**
   * Problems that have no caller to reject: invalid inbound frames (`INVALID_FRAME`), seq gaps
   * (`SEQ_GAP`, details `{expected, received}`), throwing handlers (`HANDLER_FAILED`), and a
   * background reconnect that gave up.
   */
  onError?: (error: GatewayClientError | GatewayRequestError) => void;
  /** Clock and randomness, injectable for tests. */
  now?: () => number;
  random?: () => number;
}

/** Per-request options. */
export interface RequestOptions {
  /** Overrides `requestTimeoutMs`. */
  timeoutMs?: number;
  /** Skip an interim `{status:"accepted"}` response and wait for the final one (the `agent` method). */
  expectFinal?: boolean;
}
