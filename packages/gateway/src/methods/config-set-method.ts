import { ProtocolError } from '@rusty-claw/plugin-sdk';
import { ConfigSetParamsSchema, ErrorCodes, GatewayMethodNames } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';
import { invalidConfigError, loadCore, parseJson5, readConfigRaw, requireBaseHash } from './config-snapshot.js';

/**
 * `config.set {raw, baseHash?}`: replaces the whole file with `raw` (JSON5). Redacted values are put back from
 * the current file, the result is validated against the running environment, and only then written
 * (atomically). Any failure leaves the file untouched. The new config is in force for health/status at once;
 * auth and bind changes apply on restart.
 */
export const configSetMethod = defineMethod({
  name: GatewayMethodNames.ConfigSet,
  params: ConfigSetParamsSchema,
  handle: ({ ctx, params }) =>
    ctx.withConfigWrite(async () => {
      const core = await loadCore();
      const current = await readConfigRaw(ctx.configPath);
      requireBaseHash(current, params.baseHash);
      const next = await parseJson5(params.raw, 'config');
      if (typeof next !== 'object' || next === null || Array.isArray(next)) {
        throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'invalid config: the config must be an object');
      }
      const previous = current.raw === null ? {} : await parseJson5(current.raw, 'stored config').catch(() => ({}));
      let validated;
      let restored: unknown;
      try {
        restored = core.restoreRedacted(next, previous);
        validated = core.validateConfig(restored, { path: ctx.configPath });
        await core.writeConfigFile(ctx.configPath, restored, { previous });
      } catch (error) {
        throw invalidConfigError(error);
      }
      ctx.config = validated.config;
      ctx.logger.info({ path: ctx.configPath }, 'config.set wrote the config file');
      return { ok: true, path: ctx.configPath, config: core.redactConfig(validated.config) };
    }),
});
