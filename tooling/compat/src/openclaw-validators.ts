// OpenClaw's own Ajv validators and TypeBox schemas, loaded by file path from the npm packages (their
// `exports` maps do not list the module). 2026.5.7's client runs these validators on every frame it
// receives, so passing them is the strongest black-box check of our wire shapes. 2026.9.6 ships the
// same module with its v4 schemas; we compile those the same way.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { openClawPackageDir, type OpenClawVersion } from './paths.ts';

/** The part of dist/gateway/protocol/index.js the harness uses: `<Name>Schema` exports and `validate<Name>`. */
type OpenClawProtocolModule = Record<string, unknown> & { PROTOCOL_VERSION: number };

export interface OpenClawValidators {
  version: OpenClawVersion;
  protocolVersion: number;
  requestFrame: ValidateFunction;
  responseFrame: ValidateFunction;
  eventFrame: ValidateFunction;
  /** A named schema (`HelloOk`, `Snapshot`, `PresenceEntry`, `TickEvent`, …) compiled as OpenClaw compiles it. */
  schema(name: string): ValidateFunction;
}

const cache = new Map<OpenClawVersion, Promise<OpenClawValidators>>();

export function loadOpenClawValidators(version: OpenClawVersion): Promise<OpenClawValidators> {
  let loaded = cache.get(version);
  if (!loaded) {
    loaded = load(version);
    cache.set(version, loaded);
  }
  return loaded;
}

/** 2026.5.7, the protocol-3 reference. */
export function loadOpenClawV3Validators(): Promise<OpenClawValidators> {
  return loadOpenClawValidators('v3');
}

async function load(version: OpenClawVersion): Promise<OpenClawValidators> {
  const file = resolve(openClawPackageDir(version), 'dist/gateway/protocol/index.js');
  const mod = (await import(pathToFileURL(file).href)) as OpenClawProtocolModule;
  // OpenClaw's own options (src/gateway/protocol/index.ts): report every error, never strip keys.
  const ajv = new Ajv({ allErrors: true, strict: false, removeAdditional: false });
  const compiled = new Map<string, ValidateFunction>();
  const schema = (name: string): ValidateFunction => {
    let validate = compiled.get(name);
    if (!validate) {
      const registry = mod['ProtocolSchemas'] as Record<string, object> | undefined;
      const source = registry?.[name] ?? (mod[`${name}Schema`] as object | undefined);
      if (!source || typeof source !== 'object') throw new Error(`OpenClaw ${version} exports no schema named ${name}`);
      validate = ajv.compile(source);
      compiled.set(name, validate);
    }
    return validate;
  };
  // Prefer the module's own compiled validator (exactly what its client calls) when it exports one.
  const own = (name: string): ValidateFunction => {
    const fn = mod[`validate${name}`];
    return typeof fn === 'function' ? (fn as ValidateFunction) : schema(name);
  };
  return {
    version,
    protocolVersion: mod.PROTOCOL_VERSION,
    requestFrame: own('RequestFrame'),
    responseFrame: own('ResponseFrame'),
    eventFrame: own('EventFrame'),
    schema,
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
