import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateConfig } from '@rusty-claw/core';
import type { Logger } from '@rusty-claw/plugin-sdk';
import type { GatewayOptions } from '../gateway-options.js';
import { GatewayServer } from '../server/gateway-server.js';

export const TEST_TOKEN = 'test-token-0123456789abcdef';

/** A logger that keeps every line, so tests can wait for what the gateway reported. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; fields: Record<string, unknown>; message: string }> = [];
  debug(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'debug', fields, message });
  }
  info(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'info', fields, message });
  }
  warn(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'warn', fields, message });
  }
  error(fields: Record<string, unknown>, message: string): void {
    this.lines.push({ level: 'error', fields, message });
  }
  has(message: string): boolean {
    return this.lines.some((line) => line.message.includes(message));
  }
}

export interface TestGateway {
  server: GatewayServer;
  url: string;
  httpUrl: string;
  port: number;
  stateDir: string;
  configPath: string;
  logger: RecordingLogger;
  close(): Promise<void>;
}

/**
 * A real gateway on 127.0.0.1:0 with its own temporary state directory and the default config.
 * `start: false` leaves it bound-less (call `server.bind()` / `server.startServices()` yourself).
 */
export async function startTestGateway(
  overrides: Partial<GatewayOptions> & { configInput?: Record<string, unknown>; start?: 'listen' | 'bind' } = {},
): Promise<TestGateway> {
  const stateDir = await mkdtemp(join(tmpdir(), 'rc-gateway-'));
  const configPath = join(stateDir, 'rusty-claw.json');
  const logger = new RecordingLogger();
  const { configInput, start = 'listen', ...options } = overrides;
  const server = new GatewayServer({
    config: validateConfig(configInput ?? {}).config,
    configPath,
    stateDir,
    host: '127.0.0.1',
    port: 0,
    auth: { mode: 'token', token: TEST_TOKEN },
    logger,
    ...options,
  });
  const address = start === 'listen' ? await server.listen() : await server.bind();
  return {
    server,
    url: address.url,
    httpUrl: `http://127.0.0.1:${address.port}`,
    port: address.port,
    stateDir,
    configPath,
    logger,
    async close() {
      await server.close('test finished');
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

/** `connect` params as OpenClaw's CLI sends them (no device), overridable. */
export function cliConnectParams(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    minProtocol: 3,
    maxProtocol: 4,
    client: { id: 'cli', version: 'test', platform: 'linux', mode: 'cli', instanceId: 'instance-1' },
    caps: [],
    auth: { token: TEST_TOKEN },
    role: 'operator',
    scopes: ['operator.admin'],
    ...overrides,
  };
}
