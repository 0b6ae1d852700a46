// Every key OpenClaw 2026.5.7's config schema (OpenClawSchema in src/config/zod-schema.ts) declares at the
// config paths where Rusty Claw implements part of the settings. Keys listed here but absent from
// RustyClawConfigSchema are "known but unsupported": accepted, kept in the file, and reported by name.
// Keys in neither are typos and fail validation. openclaw-known-keys.test.ts checks this table against
// OpenClaw's own schema, so it cannot drift silently.
//
// Pattern syntax: dotted keys, `*` for any record key, `[]` for every array element.
export const OPENCLAW_KNOWN_KEYS: Readonly<Record<string, readonly string[]>> = {
  '': [
    '$schema', 'meta', 'env', 'wizard', 'diagnostics', 'logging', 'cli', 'crestodian', 'update', 'browser', 'ui',
    'secrets', 'auth', 'accessGroups', 'acp', 'models', 'nodeHost', 'agents', 'tools', 'bindings', 'broadcast', 'audio',
    'media', 'messages', 'commands', 'approvals', 'session', 'cron', 'commitments', 'hooks', 'web', 'channels',
    'discovery', 'canvasHost', 'talk', 'gateway', 'memory', 'mcp', 'skills', 'plugins', 'surfaces', 'proxy',
  ],
  meta: ['lastTouchedVersion', 'lastTouchedAt'],
  logging: ['level', 'file', 'maxFileBytes', 'consoleLevel', 'consoleStyle', 'redactSensitive', 'redactPatterns'],
  session: [
    'scope', 'dmScope', 'identityLinks', 'resetTriggers', 'idleMinutes', 'reset', 'resetByType', 'resetByChannel', 'store',
    'typingIntervalSeconds', 'typingMode', 'mainKey', 'sendPolicy', 'writeLock', 'agentToAgent', 'threadBindings', 'maintenance',
  ],
  gateway: [
    'port', 'mode', 'bind', 'customBindHost', 'controlUi', 'auth', 'trustedProxies', 'allowRealIpFallback', 'tools', 'webchat',
    'handshakeTimeoutMs', 'channelHealthCheckMinutes', 'channelStaleEventThresholdMinutes', 'channelMaxRestartsPerHour',
    'tailscale', 'remote', 'reload', 'tls', 'http', 'push', 'nodes',
  ],
  'gateway.auth': ['mode', 'token', 'password', 'allowTailscale', 'rateLimit', 'trustedProxy'],
  'gateway.auth.rateLimit': ['maxAttempts', 'windowMs', 'lockoutMs', 'exemptLoopback'],
  'gateway.controlUi': [
    'enabled', 'basePath', 'root', 'embedSandbox', 'allowExternalEmbedUrls', 'chatMessageMaxWidth', 'allowedOrigins',
    'dangerouslyAllowHostHeaderOriginFallback', 'allowInsecureAuth', 'dangerouslyDisableDeviceAuth',
  ],
  'gateway.remote': ['url', 'transport', 'token', 'password', 'tlsFingerprint', 'sshTarget', 'sshIdentity'],
  models: ['mode', 'providers', 'pricing'],
  'models.providers.*': [
    'baseUrl', 'apiKey', 'auth', 'api', 'contextWindow', 'contextTokens', 'maxTokens', 'timeoutSeconds',
    'injectNumCtxForOpenAICompat', 'params', 'headers', 'authHeader', 'request', 'models',
  ],
  'models.providers.*.models[]': [
    'id', 'name', 'api', 'baseUrl', 'reasoning', 'input', 'cost', 'contextWindow', 'contextTokens', 'maxTokens', 'params',
    'headers', 'compat', 'metadataSource',
  ],
  agents: ['defaults', 'list'],
  'agents.defaults': [
    'params', 'agentRuntime', 'embeddedHarness', 'model', 'imageModel', 'imageGenerationModel', 'videoGenerationModel',
    'musicGenerationModel', 'mediaGenerationAutoProviderFallback', 'pdfModel', 'pdfMaxBytesMb', 'pdfMaxPages', 'models',
    'workspace', 'skills', 'silentReply', 'silentReplyRewrite', 'repoRoot', 'systemPromptOverride', 'promptOverlays',
    'skipBootstrap', 'skipOptionalBootstrapFiles', 'contextInjection', 'bootstrapMaxChars', 'bootstrapTotalMaxChars',
    'experimental', 'bootstrapPromptTruncationWarning', 'userTimezone', 'startupContext', 'contextLimits', 'timeFormat',
    'envelopeTimezone', 'envelopeTimestamp', 'envelopeElapsed', 'contextTokens', 'cliBackends', 'memorySearch',
    'contextPruning', 'compaction', 'embeddedPi', 'thinkingDefault', 'verboseDefault', 'toolProgressDetail',
    'reasoningDefault', 'elevatedDefault', 'blockStreamingDefault', 'blockStreamingBreak', 'blockStreamingChunk',
    'blockStreamingCoalesce', 'humanDelay', 'timeoutSeconds', 'mediaMaxMb', 'imageMaxDimensionPx', 'typingIntervalSeconds',
    'typingMode', 'heartbeat', 'maxConcurrent', 'subagents', 'sandbox',
  ],
  'agents.defaults.model': ['primary', 'fallbacks', 'timeoutMs'],
  'agents.list[]': [
    'id', 'default', 'name', 'workspace', 'agentDir', 'systemPromptOverride', 'agentRuntime', 'embeddedHarness', 'model',
    'thinkingDefault', 'verboseDefault', 'toolProgressDetail', 'reasoningDefault', 'fastModeDefault', 'skills',
    'memorySearch', 'humanDelay', 'tts', 'skillsLimits', 'contextLimits', 'contextTokens', 'heartbeat', 'identity',
    'groupChat', 'subagents', 'embeddedPi', 'sandbox', 'params', 'tools', 'runtime',
  ],
  'agents.list[].model': ['primary', 'fallbacks', 'timeoutMs'],
  // OpenClaw's channels object is passthrough (channel plugins validate their own entry); these two are its
  // only reserved keys. Everything else under channels is a channel name.
  channels: ['defaults', 'modelByChannel'],
};

/** Splits a table pattern into walk segments: `models.providers.*.models[]` → models, providers, *, models, []. */
export function patternSegments(pattern: string): string[] {
  if (pattern === '') return [];
  const segments: string[] = [];
  for (const part of pattern.split('.')) {
    const match = /^(.*?)((?:\[\])*)$/.exec(part);
    const key = match?.[1] ?? part;
    if (key !== '') segments.push(key);
    for (let i = 0; i < (match?.[2]?.length ?? 0) / 2; i += 1) segments.push('[]');
  }
  return segments;
}

/** Whether concrete path segments (keys, array indexes) match pattern segments (`*`, `[]`, keys). */
export function matchesPattern(pattern: readonly string[], segments: readonly (string | number)[]): boolean {
  if (pattern.length !== segments.length) return false;
  return pattern.every((part, i) => {
    const segment = segments[i];
    if (part === '[]') return typeof segment === 'number';
    return typeof segment === 'string' && (part === '*' || part === segment);
  });
}

const tablePatterns = Object.entries(OPENCLAW_KNOWN_KEYS).map(([pattern, keys]) => ({ segments: patternSegments(pattern), keys }));

/** The keys OpenClaw declares for the object at this concrete path (empty when the table does not cover it). */
export function openclawKeysAt(segments: readonly (string | number)[]): readonly string[] {
  return tablePatterns.find((entry) => matchesPattern(entry.segments, segments))?.keys ?? [];
}
