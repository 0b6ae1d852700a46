// The conformance harness: reference OpenClaw CLIs and gateways in isolated homes, our gateway as a
// real child process, a raw wire client, OpenClaw 2026.5.7's own validators, and /proc memory probes.
export { compatRoot, repoRoot, rustyClawCliMain, openClawEntry, openClawPackageDir, OPENCLAW_RELEASE, assertBuilt, type OpenClawVersion } from './paths.ts';
export { runProcess, signalGroup, type ProcessResult, type RunProcessOptions } from './run-process.ts';
export { createIsolatedHome, SHARED_COMPILE_CACHE_DIR, type IsolatedHome, type IsolatedHomeOptions } from './isolated-home.ts';
export { runOpenClaw, parseJsonOutput, describeRun, type OpenClawRunOptions, type OpenClawRunResult } from './openclaw-cli.ts';
export { runRustyClawCli, type RustyClawCliResult } from './rusty-claw-cli.ts';
export { GatewayProcess, type GatewayExit } from './gateway-process.ts';
export { startRustyClawGateway, LISTENING_LINE, type RunningGateway, type StartRustyClawOptions } from './rusty-claw-gateway.ts';
export { startOpenClawGateway, type RunningOpenClawGateway, type StartOpenClawOptions } from './openclaw-gateway.ts';
export { connectRaw, openSocket, RawGatewaySession, HandshakeRejectedError, type Frame, type ReceivedFrame, type RawConnectOptions } from './raw-gateway-client.ts';
export { createTestDevice, signConnect, type TestDevice, type SignedConnectInput } from './test-device.ts';
export { waitForHello, type HelloTiming } from './wait-for-hello.ts';
export { loadOpenClawValidators, loadOpenClawV3Validators, check, type OpenClawValidators, type ValidationOutcome } from './openclaw-validators.ts';
export { processTree, processTreeRss, rssBytes, type TreeMemory } from './process-tree.ts';
export { freePort } from './free-port.ts';
export { runErrorProbes, type ProbeAnswer } from './error-probes.ts';
