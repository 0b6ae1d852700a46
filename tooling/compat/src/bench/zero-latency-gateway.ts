// A Rusty Claw gateway process whose one model answers instantly ("pong", no network, no SDK), so a chat turn
// measures only the gateway: request handling, the durable inbox, transcript appends, the agent loop and event
// fan-out. Started by chat-turn-bench.ts: `node zero-latency-gateway.ts <stateDir> <token>`; prints the usual
// listening line and stops on SIGTERM.
import { runGateway } from '@rusty-claw/gateway';
import type { LanguageModel, LanguageModelStreamPart } from '@rusty-claw/plugin-sdk';

const [stateDir, token] = process.argv.slice(2);
if (!stateDir || !token) throw new Error('usage: node zero-latency-gateway.ts <stateDir> <token>');

const PARTS: LanguageModelStreamPart[] = [
  { type: 'text-start', id: 't' },
  { type: 'text-delta', id: 't', delta: 'pong' },
  { type: 'text-end', id: 't' },
  { type: 'finish', finishReason: 'stop', usage: { inputTokens: 1, outputTokens: 1, totalTokens: 2 } },
];

function instantModel(provider: string, modelId: string): LanguageModel {
  return {
    specificationVersion: 'v1',
    provider,
    modelId,
    stream: async () => ({
      stream: new ReadableStream<LanguageModelStreamPart>({
        start(controller) {
          for (const part of PARTS) controller.enqueue(part);
          controller.close();
        },
      }),
    }),
  };
}

// `kill -USR2`: collect garbage (the bench starts this process with --expose-gc) and print the memory, so growth
// over many turns is measured on live memory rather than on whatever garbage the last GC left behind.
process.on('SIGUSR2', async () => {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  const { rss, heapUsed, heapTotal, external, arrayBuffers } = process.memoryUsage();
  process.stdout.write(`MEM ${rss} ${heapUsed}\n`);
  if (process.env['RC_BENCH_DEBUG']) {
    const { getHeapSpaceStatistics } = await import('node:v8');
    for (const space of getHeapSpaceStatistics()) process.stderr.write(`space ${space.space_name} size ${space.space_size} used ${space.space_used_size}\n`);
  }
  process.stderr.write(`memory: rss ${rss} heapUsed ${heapUsed} heapTotal ${heapTotal} external ${external} arrayBuffers ${arrayBuffers}\n`);
});

await runGateway({
  port: 0,
  stateDir,
  token,
  providers: { 'openai-completions': (settings) => ({ specificationVersion: 'v1', id: settings.id, languageModel: (modelId) => instantModel(settings.id, modelId) }) },
});
