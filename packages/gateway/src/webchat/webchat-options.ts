/**
 * Turns on the web chat's scoped access (see README "Web chat"). This is Rusty Claw's own surface: OpenClaw's
 * config has no such settings (its `gateway.webchat` is a strict object with only `chatHistoryMaxChars`, and a
 * `channels.webchat` entry makes OpenClaw refuse the file), so they are options of `createGateway`, set by the
 * composition root, never keys of the OpenClaw-compatible config file.
 */
export interface GatewayWebchatOptions {
  /**
   * The web chat token. Default: read from, or generated once into, `<stateDir>/credentials/webchat-token`
   * (mode 0600). It is not the operator's token: a socket presenting it gets `operator.read` +
   * `operator.write` at most, on its own web chat session only.
   */
  token?: string;
  /** Agent whose sessions visitors talk to. Default: the config's default agent (resolved at each connect). */
  agentId?: string;
  /**
   * Browser origins (`https://example.com`, scheme + host + port) whose pages may open web chat sockets, in
   * addition to `gateway.controlUi.allowedOrigins` and loopback pages on a direct local connection. They only
   * admit sockets that present the web chat token; an admin connection from such an origin is still refused.
   */
  allowedOrigins?: readonly string[];
  /** Longest `chat.send` message a visitor may send, in characters. Default 16000. */
  maxMessageChars?: number;
}
