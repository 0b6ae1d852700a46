import type * as Core from '@rusty-claw/core';

type Register = (core: typeof Core) => () => void;

const registrars: Record<string, () => Promise<Register>> = {
  telegram: () => import('@rusty-claw/channels-telegram').then((m) => m.registerTelegramConfig),
  discord: () => import('@rusty-claw/channels-discord').then((m) => m.registerDiscordConfig),
  slack: () => import('@rusty-claw/channels-slack').then((m) => m.registerSlackConfig),
};

/**
 * Registers the config schemas of the named channels with core, so `loadConfig` validates `channels.<name>` (a typo
 * under a channel is an error at start, not an account's lastError later) and reports their OpenClaw-only keys.
 * Only configured channels are loaded, so an unused channel package never costs start-up time.
 */
export async function registerChannelConfigs(names: readonly string[]): Promise<void> {
  const wanted = names.filter((name) => registrars[name] !== undefined);
  if (wanted.length === 0) return;
  const [core, ...registers] = await Promise.all([import('@rusty-claw/core'), ...wanted.map((name) => registrars[name]!())]);
  for (const register of registers) register(core);
}
