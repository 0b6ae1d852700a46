import type { RustyClawConfig } from '@rusty-claw/core';
import { safeEqualSecret } from '../auth/safe-equal-secret.js';
import { GatewayOptionsError } from '../errors/gateway-options-error.js';
import type { ResolvedAuth } from '../gateway-options.js';
import { resolveAgentOrder } from '../health/agent-order.js';
import { DEFAULT_WEBCHAT_MAX_MESSAGE_CHARS } from './webchat-guard.js';
import type { GatewayWebchatOptions } from './webchat-options.js';
import { readOrCreateWebchatToken } from './webchat-token-file.js';

const AGENT_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

function normalizeOrigin(value: string): string {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', `webchat.allowedOrigins: ${JSON.stringify(value)} is not an origin such as https://example.com`);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.origin === 'null' || url.pathname !== '/' || url.search || url.hash) {
    throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', `webchat.allowedOrigins: ${JSON.stringify(value)} must be scheme://host[:port] only, e.g. https://example.com`);
  }
  return url.origin.toLowerCase();
}

/**
 * The gateway's web chat settings and its token. The token is loaded (or generated) in `load()`, during
 * start-up, so `createGateway` itself never touches the disk.
 */
export class WebchatAccess {
  readonly allowedOrigins: readonly string[];
  readonly maxMessageChars: number;
  private readonly configuredAgentId: string | undefined;
  private token: string | undefined;
  private tokenFile: string | undefined;

  constructor(
    private readonly options: GatewayWebchatOptions,
    private readonly stateDir: string,
    private readonly auth: ResolvedAuth,
  ) {
    if (options.token !== undefined && options.token.trim() === '') {
      throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', 'webchat.token is empty; leave it out to use a generated token');
    }
    const agentId = options.agentId?.trim().toLowerCase();
    if (agentId !== undefined && !AGENT_ID.test(agentId)) {
      throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', `webchat.agentId ${JSON.stringify(options.agentId)} is not an agent id ([a-z0-9][a-z0-9_-]{0,63})`);
    }
    this.configuredAgentId = agentId;
    const max = options.maxMessageChars ?? DEFAULT_WEBCHAT_MAX_MESSAGE_CHARS;
    if (!Number.isInteger(max) || max < 1) throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', 'webchat.maxMessageChars must be a positive integer');
    this.maxMessageChars = max;
    this.allowedOrigins = Object.freeze((options.allowedOrigins ?? []).map(normalizeOrigin));
    this.checkDistinct(options.token?.trim());
  }

  /** Reads or generates the token (`<stateDir>/credentials/webchat-token`) unless one was given. */
  async load(): Promise<void> {
    if (this.token !== undefined) return;
    if (this.options.token !== undefined) {
      this.token = this.options.token.trim();
      return;
    }
    const stored = await readOrCreateWebchatToken(this.stateDir);
    this.checkDistinct(stored.token);
    this.token = stored.token;
    this.tokenFile = stored.file;
  }

  /** The file the token came from (undefined when it was passed in options). */
  get file(): string | undefined {
    return this.tokenFile;
  }

  /** Constant-time check of a presented `connect.auth.token`. False until `load()` ran. */
  matches(presented: string | undefined): boolean {
    if (this.token === undefined || !presented) return false;
    return safeEqualSecret(presented.trim(), this.token);
  }

  /** The agent visitors talk to: the configured one, else the config's default agent. */
  agentId(config: RustyClawConfig): string {
    return this.configuredAgentId ?? resolveAgentOrder(config).defaultAgentId;
  }

  /** The web chat token must never equal the operator's secret: the restriction would then cap the operator too. */
  private checkDistinct(token: string | undefined): void {
    if (token === undefined) return;
    if ((this.auth.token !== undefined && token === this.auth.token) || (this.auth.password !== undefined && token === this.auth.password)) {
      throw new GatewayOptionsError('GATEWAY_OPTIONS_INVALID', 'webchat.token must differ from the gateway token/password (it is handed to browsers)');
    }
  }
}
