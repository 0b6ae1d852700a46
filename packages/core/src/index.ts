export { resolveStateDir, resolveConfigPath, CONFIG_FILE_NAME, type Env, type ResolveConfigPathOptions } from './state-paths.js';
export {
  RustyClawConfigSchema,
  buildConfigSchema,
  MODEL_APIS,
  type RustyClawConfig,
  type RustyClawConfigInput,
} from './config-schema.js';
export { SecretInputSchema, SecretRefSchema, type SecretRef } from './secret-input.js';
export { registerChannelConfigSchema, registeredChannelNames, type ChannelConfigSchemaOptions } from './channel-config-registry.js';
export { loadConfig, type LoadConfigOptions, type LoadedConfig } from './load-config.js';
export { validateConfig, type ValidateConfigOptions, type ValidatedConfig } from './validate-config.js';
export { writeConfigFile, type WriteConfigOptions, type WrittenConfig } from './write-config-file.js';
export { resolveIncludes, INCLUDE_KEY } from './resolve-includes.js';
export { substituteEnv, envReferences, type EnvSubstitution, type MissingEnvVar } from './env-substitution.js';
export {
  REDACTED_SENTINEL,
  redactConfig,
  redactConfigRaw,
  restoreRedacted,
  isSensitiveKey,
  isSensitivePath,
} from './redact-config.js';
export { applyMergePatch, type MergePatchOptions } from './merge-patch.js';
export { getAtPath, setAtPath, unsetAtPath, parsePath, formatPath, type PathSegment } from './object-path.js';
export { hashConfigRaw } from './hash-config-raw.js';
export { configJsonSchema } from './config-json-schema.js';
export { configUiHints, type ConfigUiHint } from './config-ui-hints.js';
export { OPENCLAW_KNOWN_KEYS } from './openclaw-known-keys.js';

export const VERSION = '0.1.0';
