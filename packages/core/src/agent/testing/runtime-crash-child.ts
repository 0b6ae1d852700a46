// Test child: an AgentRuntime whose model streams slowly forever. Sends two messages to one session at once,
// prints `accepted <n>` when each is durable and `delta` while the first streams; the parent kills it (kill -9).
import type { LanguageModel, LanguageModelStreamPart, Provider } from '@rusty-claw/plugin-sdk';
import { ModelRegistry } from '../../models/model-registry.js';
import { AgentRuntime } from '../agent-runtime.js';

const [stateDir] = process.argv.slice(2);
if (!stateDir) throw new Error('usage: runtime-crash-child.ts <stateDir>');
const slow: LanguageModel = {
  specificationVersion: 'v1',
  provider: 'slow',
  modelId: 'model',
  async stream() {
    return {
      stream: new ReadableStream<LanguageModelStreamPart>({
        async pull(controller) {
          await new Promise((resolve) => setTimeout(resolve, 20));
          controller.enqueue({ type: 'text-delta', id: 't', delta: 'more ' });
        },
      }),
    };
  },
};
const provider: Provider = { specificationVersion: 'v1', id: 'slow', languageModel: () => slow };
const config = { agents: { defaults: { model: { primary: 'slow/model' } } } };
const models = new ModelRegistry({ providers: { slow: { baseUrl: 'http://127.0.0.1:9', api: 'openai-completions', models: [] } }, factories: { 'openai-completions': () => provider } });
const runtime = new AgentRuntime({ config, stateDir, models });
for (const n of [1, 2]) {
  const handle = runtime.send({ sessionKey: 'main', runId: `run-${n}`, message: `message ${n}`, onEvent: (event) => event.stream === 'assistant' && process.stdout.write('delta\n') });
  await handle.accepted;
  process.stdout.write(`accepted ${n}\n`);
}
