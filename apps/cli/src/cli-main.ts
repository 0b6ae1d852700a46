import { main, VERSION, type RunGateway } from '@rusty-claw/cli';

// `rusty-claw`: argv → @rusty-claw/cli. The gateway package is imported only when `gateway run`
// actually starts one, so `rusty-claw health` and friends never load the server.
const runGateway: RunGateway = async (flags) => {
  const [{ runGateway: run }, { gatewayAdapters }] = await Promise.all([import('@rusty-claw/gateway'), import('@rusty-claw/app-gateway/compose')]);
  // The same composition as `rusty-claw-gateway`; provider and channel packages load on first use.
  return run({ ...flags, ...gatewayAdapters() });
};

// `rusty-claw config schema | head` closes stdout early: that is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

const argv = process.argv.slice(2);
// `config validate|get|set` check channel settings with the channel packages' own schemas, like `gateway run` does.
if (argv[0] === 'config') {
  const { registerChannelConfigs } = await import('@rusty-claw/app-gateway/channel-configs');
  await registerChannelConfigs(['telegram', 'discord', 'slack']);
}

process.exitCode = await main(argv, { runGateway, version: VERSION });
