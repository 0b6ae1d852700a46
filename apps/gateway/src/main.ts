import { gatewayMain } from '@rusty-claw/cli';
import { runGateway, VERSION } from '@rusty-claw/gateway';

// `rusty-claw-gateway`: the composition root, i.e. `rusty-claw gateway run` with the same flags at
// the root. Flag parsing, messages and exit codes are the CLI's, so both entry points behave alike.
process.exitCode = await gatewayMain(process.argv.slice(2), { runGateway, version: VERSION });
