import { gatewayMain } from '@rusty-claw/cli';
import { runGateway, VERSION } from '@rusty-claw/gateway';
import { providerFactories } from './provider-factories.js';

// `rusty-claw-gateway`: the composition root, i.e. `rusty-claw gateway run` with the same flags at
// the root. Flag parsing, messages and exit codes are the CLI's, so both entry points behave alike.
// The provider packages are injected here (loaded on first use), so the gateway package needs none of them.
const providers = providerFactories();
process.exitCode = await gatewayMain(process.argv.slice(2), { runGateway: (flags) => runGateway({ ...flags, providers }), version: VERSION });
