import { gatewayMain } from '@rusty-claw/cli';
import { runGateway, VERSION } from '@rusty-claw/gateway';
import { channelFactories } from './channel-factories.js';
import { providerFactories } from './provider-factories.js';

// `rusty-claw-gateway`: the composition root, i.e. `rusty-claw gateway run` with the same flags at
// the root. Flag parsing, messages and exit codes are the CLI's, so both entry points behave alike.
// The provider and channel packages are injected here (loaded on first use), so the gateway package needs none of them.
const providers = providerFactories();
// The channel packages likewise: each loads when a configured account of it starts.
const channels = channelFactories();
process.exitCode = await gatewayMain(process.argv.slice(2), { runGateway: (flags) => runGateway({ ...flags, providers, channels }), version: VERSION });
