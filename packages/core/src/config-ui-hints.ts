/** Form metadata for one config path (OpenClaw's `config.schema` uiHints shape, the subset we fill). */
export interface ConfigUiHint {
  label?: string;
  help?: string;
  /** Secret: redacted in `config.get`, masked in forms, never echoed in errors. */
  sensitive?: boolean;
  placeholder?: string;
}

// Paths use `*` for any record key and `[]` for array items, like OpenClaw's uiHints.
const HINTS: Readonly<Record<string, ConfigUiHint>> = {
  gateway: { label: 'Gateway', help: 'The WebSocket + HTTP listener operators and the Control UI connect to.' },
  'gateway.port': { label: 'Gateway port', help: 'TCP port for WebSocket and HTTP (default 18789).', placeholder: '18789' },
  'gateway.mode': { label: 'Gateway mode', help: '"local" runs a gateway here; "remote" makes the CLI talk to gateway.remote.url.' },
  'gateway.bind': {
    label: 'Bind mode',
    help: '"loopback" (127.0.0.1, default), "lan" (all interfaces, auth required) or "custom" (gateway.customBindHost).',
  },
  'gateway.customBindHost': { label: 'Custom bind host', help: 'IP address to listen on when gateway.bind is "custom".' },
  'gateway.handshakeTimeoutMs': { label: 'Handshake timeout (ms)', help: 'Time a new socket has to send a valid connect (default 15000).' },
  'gateway.auth': { label: 'Gateway auth' },
  'gateway.auth.mode': {
    label: 'Auth mode',
    help: '"token", "password" or "none" (loopback only). Unset: password when gateway.auth.password is set, else token.',
  },
  'gateway.auth.token': { label: 'Gateway token', help: 'Shared token operators present on connect. Prefer "${VAR}" or a SecretRef.', sensitive: true },
  'gateway.auth.password': { label: 'Gateway password', help: 'Shared password for auth mode "password".', sensitive: true },
  'gateway.auth.rateLimit': { label: 'Auth rate limit', help: 'Failed-auth throttling per client IP.' },
  'gateway.auth.rateLimit.maxAttempts': { label: 'Max failed attempts', help: 'Failures allowed per window (default 10).' },
  'gateway.auth.rateLimit.windowMs': { label: 'Window (ms)', help: 'Sliding window for counting failures (default 60000).' },
  'gateway.auth.rateLimit.lockoutMs': { label: 'Lockout (ms)', help: 'How long a client is blocked after too many failures (default 300000).' },
  'gateway.auth.rateLimit.exemptLoopback': { label: 'Exempt loopback', help: 'Never throttle 127.0.0.1 / ::1 (default true, as in OpenClaw).' },
  'gateway.controlUi.enabled': { label: 'Control UI', help: 'Serve the Control UI on the gateway port.' },
  'gateway.controlUi.basePath': { label: 'Control UI base path', placeholder: '/' },
  'gateway.controlUi.allowedOrigins': { label: 'Allowed browser origins', help: 'Extra Origin values accepted for browser connections.' },
  'gateway.remote.url': { label: 'Remote gateway URL', placeholder: 'ws://gateway.example:18789' },
  'gateway.remote.token': { label: 'Remote gateway token', sensitive: true },
  'gateway.remote.password': { label: 'Remote gateway password', sensitive: true },
  models: { label: 'Models' },
  'models.providers': { label: 'Model providers', help: 'Custom or OpenAI-compatible providers, keyed by provider id.' },
  'models.providers.*.baseUrl': { label: 'Base URL' },
  'models.providers.*.apiKey': { label: 'API key', sensitive: true },
  'models.providers.*.api': { label: 'API flavour' },
  'models.providers.*.headers': { label: 'Extra headers' },
  'models.providers.*.headers.*': { label: 'Header value', sensitive: true },
  'models.providers.*.models': { label: 'Models' },
  agents: { label: 'Agents' },
  'agents.defaults.model': { label: 'Default model', help: '"provider/model", or {primary, fallbacks}.' },
  'agents.defaults.model.primary': { label: 'Primary model', placeholder: 'anthropic/claude-sonnet-4-5' },
  'agents.defaults.model.fallbacks': { label: 'Fallback models' },
  'agents.defaults.workspace': { label: 'Workspace directory' },
  'agents.defaults.thinkingDefault': { label: 'Default thinking level' },
  'agents.defaults.timeoutSeconds': { label: 'Agent timeout (s)' },
  'agents.list': { label: 'Agents', help: 'Agent entries; the one with default: true (or the first) is the default agent.' },
  channels: { label: 'Channels', help: 'Per-channel settings; each channel adapter validates its own section.' },
  'session.dmScope': { label: 'DM session scope' },
  'session.mainKey': { label: 'Main session key' },
  'logging.level': { label: 'Log level' },
  'logging.file': { label: 'Log file' },
};

/**
 * `{ "<path>": {label?, help?, sensitive?, placeholder?} }` for the config form (`config.schema` uiHints).
 * Every secret field Rusty Claw implements is marked `sensitive`.
 */
export function configUiHints(): Record<string, ConfigUiHint> {
  return structuredClone(HINTS) as Record<string, ConfigUiHint>;
}

/** The hint paths marked sensitive (shared with redaction). */
export const SENSITIVE_HINT_PATHS: readonly string[] = Object.entries(HINTS)
  .filter(([, hint]) => hint.sensitive === true)
  .map(([path]) => path);
