import { isDeepStrictEqual } from 'node:util';
import { ConfigError, ProtocolError } from '@rusty-claw/plugin-sdk';
import { ConfigPatchParamsSchema, ErrorCodes, GatewayMethodNames } from '@rusty-claw/protocol';
import { defineMethod } from './method-definition.js';
import { invalidConfigError, loadCore, parseJson5, readConfigRaw, requireBaseHash } from './config-snapshot.js';

/**
 * `config.patch {raw, baseHash?}`: applies `raw` (a JSON5 merge patch: objects merge, `null` deletes, arrays
 * replace, arrays of `{id}` objects merge by id as in OpenClaw) to the stored config, restores redacted values,
 * validates, and writes atomically. Nothing is written when the patch changes nothing (`noop:true`) or fails.
 */
export const configPatchMethod = defineMethod({
  name: GatewayMethodNames.ConfigPatch,
  params: ConfigPatchParamsSchema,
  handle: ({ ctx, params }) =>
    ctx.withConfigWrite(async () => {
      const core = await loadCore();
      const current = await readConfigRaw(ctx.configPath);
      requireBaseHash(current, params.baseHash);
      let loaded;
      try {
        loaded = await core.loadConfig({ path: ctx.configPath });
      } catch (error) {
        if (ConfigError.isInstance(error)) throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'invalid config; fix before patching');
        throw error;
      }
      const patch = await parseJson5(params.raw, 'config.patch raw');
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) {
        throw new ProtocolError(ErrorCodes.INVALID_REQUEST, 'config.patch raw must be an object');
      }
      let validated;
      let next: unknown;
      try {
        next = core.restoreRedacted(core.applyMergePatch(loaded.parsed, patch, { mergeObjectArraysById: true }), loaded.parsed);
        validated = core.validateConfig(next, { path: ctx.configPath });
      } catch (error) {
        throw invalidConfigError(error);
      }
      if (isDeepStrictEqual(next, loaded.parsed)) {
        return { ok: true, noop: true, path: ctx.configPath, config: core.redactConfig(validated.config) };
      }
      try {
        await core.writeConfigFile(ctx.configPath, next, { previous: loaded.parsed });
      } catch (error) {
        throw invalidConfigError(error);
      }
      ctx.config = validated.config;
      ctx.logger.info({ path: ctx.configPath }, 'config.patch wrote the config file');
      return { ok: true, path: ctx.configPath, config: core.redactConfig(validated.config) };
    }),
});
