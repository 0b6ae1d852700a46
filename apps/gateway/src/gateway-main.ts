import { gatewayMain } from '@rusty-claw/cli';
import { runGateway, VERSION } from '@rusty-claw/gateway';
import { gatewayAdapters } from './compose/gateway-adapters.js';

// `rusty-claw-gateway`: the composition root, i.e. `rusty-claw gateway run` with the same flags at
// the root. Flag parsing, messages and exit codes are the CLI's, so both entry points behave alike.
// Providers, channels and the web chat page are injected here (each loaded on first use), so the gateway
// package needs none of them.
const adapters = gatewayAdapters();
process.exitCode = await gatewayMain(process.argv.slice(2), { runGateway: (flags) => runGateway({ ...flags, ...adapters }), version: VERSION });
