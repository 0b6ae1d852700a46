import { ConfigError } from '@rusty-claw/plugin-sdk';
import { ConfigGetParamsSchema, GatewayMethodNames } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';
import { loadCore, parseJson5, readConfigRaw, toIssue } from './config-snapshot.js';

/**
 * `config.get`: the config file snapshot with every secret replaced by `"__OPENCLAW_REDACTED__"`. `hash` is the
 * write guard for `config.set`/`config.patch`. An invalid file is reported (`valid:false`, `issues`), not an error,
 * so a client can show and fix it.
 */
export const configGetMethod = defineMethod({
  name: GatewayMethodNames.ConfigGet,
  params: ConfigGetParamsSchema,
  handle: async ({ ctx }) => {
    const core = await loadCore();
    try {
      const loaded = await core.loadConfig({ path: ctx.configPath });
      const config = core.redactConfig(loaded.config);
      const parsed = core.redactConfig(loaded.parsed);
      return {
        path: loaded.path,
        exists: loaded.exists,
        raw: loaded.raw === null ? null : core.redactConfigRaw(loaded.raw),
        parsed,
        sourceConfig: parsed,
        resolved: core.redactConfig(loaded.resolved),
        valid: true,
        runtimeConfig: core.redactConfig(ctx.config),
        config,
        hash: loaded.hash,
        issues: [],
        warnings: [
          ...loaded.warnings.map(toIssue),
          ...loaded.unsupported.map((path) => ({ path, message: 'OpenClaw setting accepted but not implemented yet (ignored)' })),
        ],
        legacyIssues: [],
      };
    } catch (error) {
      if (!ConfigError.isInstance(error)) throw error;
      const { raw, hash } = await readConfigRaw(ctx.configPath);
      let parsed: unknown = {};
      if (raw !== null) parsed = await parseJson5(raw, 'config file').catch(() => ({}));
      return {
        path: ctx.configPath,
        exists: raw !== null,
        raw: raw === null ? null : core.redactConfigRaw(raw),
        parsed: core.redactConfig(parsed),
        sourceConfig: core.redactConfig(parsed),
        resolved: {},
        valid: false,
        runtimeConfig: core.redactConfig(ctx.config),
        config: {},
        hash,
        issues: (error.issues.length > 0 ? error.issues : [{ path: '', message: error.message }]).map((issue) => ({
          path: issue.path,
          message: issue.message,
        })),
        warnings: [],
        legacyIssues: [],
      };
    }
  },
});
