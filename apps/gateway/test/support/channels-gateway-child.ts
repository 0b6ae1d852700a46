// A gateway process as `rusty-claw-gateway` composes it (real channel and provider packages), run from the sources
// by the crash test: `node … channels-gateway-child.ts <stateDir> <token>`. It prints runGateway's listening line and
// lives until it is killed.
import { runGateway } from '@rusty-claw/gateway';
import { channelFactories } from '../../src/compose/channel-factories.js';
import { providerFactories } from '../../src/compose/provider-factories.js';

const [stateDir, token] = process.argv.slice(2);
if (!stateDir || !token) throw new Error('usage: channels-gateway-child.ts <stateDir> <token>');

await runGateway({
  port: 0,
  stateDir,
  token,
  env: { RUSTY_CLAW_LOG_LEVEL: 'warn' },
  providers: providerFactories(),
  channels: {
    ...channelFactories(),
    // Short long-poll holds, so a restarted gateway polls again at once.
    telegram: () => import('@rusty-claw/channels-telegram').then((m) => (options: Parameters<typeof m.createTelegramChannel>[0]) => m.createTelegramChannel({ ...options, tuning: { pollTimeoutSeconds: 1, backoffBaseMs: 20, backoffMaxMs: 200 } })),
  },
});
