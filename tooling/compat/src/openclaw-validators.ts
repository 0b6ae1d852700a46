// OpenClaw 2026.5.7's own Ajv validators and TypeBox schemas, loaded by file path from the npm
// package (its `exports` map does not list the module). These are what its client runs on every
// frame it receives, so passing them is the strongest black-box check of our wire shapes.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openClawPackageDir } from './paths.ts';

/** The subset of dist/gateway/protocol/index.js the harness uses. */
interface OpenClawProtocolModule {
  PROTOCOL_VERSION: number;
  ProtocolSchemas: Record<string, object>;
  validateRequestFrame: ValidateFunction;
  validateResponseFrame: ValidateFunction;
  validateEventFrame: ValidateFunction;
  validateConnectParams: ValidateFunction;
}

export interface OpenClawValidators {
  protocolVersion: number;
  schemaNames: string[];
  /** The module's own compiled validators (the ones OpenClaw's client calls). */
  requestFrame: ValidateFunction;
  responseFrame: ValidateFunction;
  eventFrame: ValidateFunction;
  connectParams: ValidateFunction;
  /** ProtocolSchemas entries compiled the way OpenClaw compiles them (allErrors, strict off, no removal). */
  schema(name: string): ValidateFunction;
}

let cached: Promise<OpenClawValidators> | undefined;

export function loadOpenClawV3Validators(): Promise<OpenClawValidators> {
  cached ??= load();
  return cached;
}

async function load(): Promise<OpenClawValidators> {
  const file = resolve(openClawPackageDir('v3'), 'dist/gateway/protocol/index.js');
  const mod = (await import(pathToFileURL(file).href)) as OpenClawProtocolModule;
  const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: false });
  const compiled = new Map<string, ValidateFunction>();
  return {
    protocolVersion: mod.PROTOCOL_VERSION,
    schemaNames: Object.keys(mod.ProtocolSchemas),
    requestFrame: mod.validateRequestFrame,
    responseFrame: mod.validateResponseFrame,
    eventFrame: mod.validateEventFrame,
    connectParams: mod.validateConnectParams,
    schema(name) {
      let validate = compiled.get(name);
      if (!validate) {
        const schema = mod.ProtocolSchemas[name];
        if (!schema) throw new Error(`OpenClaw 2026.5.7 has no ProtocolSchemas.${name}`);
        validate = ajv.compile(schema);
        compiled.set(name, validate);
      }
      return validate;
    },
  };
}

export interface ValidationOutcome {
  valid: boolean;
  errors: string[];
}

/** Run a validator and keep its errors as readable strings (Ajv stores them on the function). */
export function check(validate: ValidateFunction, value: unknown): ValidationOutcome {
  const valid = validate(value) === true;
  return { valid, errors: valid ? [] : (validate.errors ?? []).map(formatError) };
}

function formatError(error: ErrorObject): string {
  return `${error.instancePath || '/'} ${error.message ?? error.keyword} ${JSON.stringify(error.params)}`;
}
