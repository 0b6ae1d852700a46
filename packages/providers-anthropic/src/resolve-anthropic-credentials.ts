import { LoadSecretError } from '@rusty-claw/plugin-sdk';

export type AnthropicCredentials = { apiKey: string } | { authToken: string };

/**
 * Picks the credential: explicit settings first, then the environment. Runs at the first request, so that a
 * provider can be created (and listed in config) before its key exists. We always hand the SDK an explicit
 * credential: left alone, SDK 1.x would go on to search profile files on disk.
 */
export function resolveAnthropicCredentials(
  settings: { apiKey?: string | undefined; authToken?: string | undefined },
  env: Record<string, string | undefined>,
): AnthropicCredentials {
  if (settings.apiKey !== undefined && settings.authToken !== undefined) {
    throw new LoadSecretError('createAnthropic: pass either `apiKey` or `authToken`, not both (they are two ways to authenticate)');
  }
  if (settings.apiKey !== undefined) return { apiKey: nonEmpty(settings.apiKey, '`apiKey`') };
  if (settings.authToken !== undefined) return { authToken: nonEmpty(settings.authToken, '`authToken`') };
  const envKey = env['ANTHROPIC_API_KEY'];
  if (envKey) return { apiKey: envKey };
  const envToken = env['ANTHROPIC_AUTH_TOKEN'];
  if (envToken) return { authToken: envToken };
  throw new LoadSecretError(
    'Anthropic API key is missing. Pass it as `apiKey` to createAnthropic() or set the ANTHROPIC_API_KEY environment variable ' +
      '(or ANTHROPIC_AUTH_TOKEN for a bearer token).',
  );
}

function nonEmpty(value: string, name: string): string {
  if (value.trim() === '') throw new LoadSecretError(`createAnthropic: ${name} is empty`);
  return value;
}
