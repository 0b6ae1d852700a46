import { ChannelError } from '@rusty-claw/plugin-sdk';

/** Settings of the web chat's HTTP side (all optional). */
export interface WebchatSettings {
  /** URL path of the chat page. Default `/chat`. */
  basePath?: string;
  /** Also serve the page at `/` (turn off once the Control UI owns `/`). Default true. */
  serveAtRoot?: boolean;
  /** URL prefix of the scripts and styles (`<assetsPath>/widget.js`, …). Default `/webchat`. */
  assetsPath?: string;
  /** Page title and chat header. Default `Chat`. */
  title?: string;
  /** Directory of the built assets. Default: this package's `dist/assets`. */
  assetsDir?: string | undefined;
  /**
   * Not used by the routes: accepted so that one `channels.webchat` block can also carry what the composition root
   * passes to the gateway's `webchat` option (`allowedOrigins`, `agentId`), which checks them strictly.
   */
  allowedOrigins?: readonly string[] | undefined;
  agentId?: string | undefined;
}

export interface ResolvedWebchatSettings {
  basePath: string;
  serveAtRoot: boolean;
  assetsPath: string;
  title: string;
  assetsDir: string | undefined;
}

const KNOWN_KEYS = new Set(['basePath', 'serveAtRoot', 'assetsPath', 'title', 'assetsDir', 'allowedOrigins', 'agentId', 'enabled', 'name']);
/** Plain path segments only: the paths become exact routes and are written into the page's HTML. */
const URL_PATH = /^(\/[A-Za-z0-9._~-]+)+$/;

function invalid(message: string): ChannelError {
  return new ChannelError('webchat', `invalid web chat settings: ${message}`, { code: 'WEBCHAT_SETTINGS_INVALID' });
}

function path(value: unknown, key: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !URL_PATH.test(value) || value.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw invalid(`${key} must be an absolute URL path of plain segments such as ${fallback}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Checks settings given in code or read from a config block (unknown keys are refused, not ignored). */
export function resolveWebchatSettings(input: unknown = {}): ResolvedWebchatSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid('expected an object');
  const record = input as Record<string, unknown>;
  for (const key of Object.keys(record)) if (!KNOWN_KEYS.has(key)) throw invalid(`unknown key ${JSON.stringify(key)}`);
  const basePath = path(record['basePath'], 'basePath', '/chat');
  const assetsPath = path(record['assetsPath'], 'assetsPath', '/webchat');
  if (basePath === assetsPath || basePath.startsWith(`${assetsPath}/`)) throw invalid('basePath must lie outside assetsPath');
  const serveAtRoot = record['serveAtRoot'] ?? true;
  if (typeof serveAtRoot !== 'boolean') throw invalid('serveAtRoot must be true or false');
  const title = record['title'] ?? 'Chat';
  if (typeof title !== 'string' || title.trim() === '' || title.length > 120) throw invalid('title must be a non-empty string of at most 120 characters');
  const assetsDir = record['assetsDir'];
  if (assetsDir !== undefined && (typeof assetsDir !== 'string' || assetsDir.trim() === '')) throw invalid('assetsDir must be a directory path');
  const origins = record['allowedOrigins'];
  if (origins !== undefined && (!Array.isArray(origins) || origins.some((origin) => typeof origin !== 'string'))) throw invalid('allowedOrigins must be a list of origins');
  const agentId = record['agentId'];
  if (agentId !== undefined && (typeof agentId !== 'string' || agentId.trim() === '')) throw invalid('agentId must be an agent id');
  return { basePath, serveAtRoot, assetsPath, title: title.trim(), assetsDir };
}
