import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Provider, SessionStore } from '@rusty-claw/plugin-sdk';
import { MockLanguageModel, mockResponses, type MockStreamScript } from '@rusty-claw/testkit';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { ModelRegistry } from '../models/model-registry.js';
import { FileSessionStore } from '../session/file-session-store.js';
import { killHard, lineCollector, spawnTsChild, type TsChild } from '../session/testing/spawn-ts-child.js';
import { makeTempDir } from '../testing/temp-dir.js';
import { validateConfig } from '../validate-config.js';
import { AgentRuntime } from './agent-runtime.js';
import { modelOverridePatch } from './resolve-agent-settings.js';
import { readMessages } from './testing/agent-test-helpers.js';

type Script = (modelId: string, callIndex: number) => MockStreamScript;

/** A registry whose providers hand out MockLanguageModels (one per provider/model, scripted by `script`). */
function registry(script: Script): { models: ModelRegistry; calls: Map<string, MockLanguageModel> } {
  const calls = new Map<string, MockLanguageModel>();
  const factory = (settings: { id: string }): Provider => ({
    specificationVersion: 'v1',
    id: settings.id,
    languageModel: (modelId) => {
      const ref = `${settings.id}/${modelId}`;
      let model = calls.get(ref);
      if (!model) {
        model = new MockLanguageModel({ provider: settings.id, modelId, stream: (_options, index) => script(ref, index) });
        calls.set(ref, model);
      }
      return model;
    },
  });
  const config = { models: { providers: { fake: { baseUrl: 'http://127.0.0.1:9', api: 'openai-completions' as const, models: [{ id: 'big', name: 'Big', contextWindow: 100_000 }] } } } };
  return { models: new ModelRegistry({ providers: config.models.providers, factories: { 'openai-completions': factory, 'anthropic-messages': factory } }), calls };
}

describe('AgentRuntime', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let runtimes: AgentRuntime[];
  let child: TsChild | undefined;
  const config = validateConfig({
    agents: { defaults: { model: { primary: 'fake/big', fallbacks: ['anthropic/backup'] }, thinkingDefault: 'low' }, list: [{ id: 'main', default: true, name: 'Claw' }] },
    session: { mainKey: 'main' },
  }).config;
  const open = (script: Script) => {
    const { models, calls } = registry(script);
    const runtime = new AgentRuntime({ config, stateDir: temp.dir, models });
    runtimes.push(runtime);
    return { runtime, calls };
  };

  beforeEach(async () => {
    temp = await makeTempDir();
    runtimes = [];
  });
  afterEach(async () => {
    if (child) await killHard(child);
    child = undefined;
    for (const runtime of runtimes) await runtime.close();
    await temp.cleanup();
  });

  test('send: durable acceptance, the configured primary, the workspace prompt, thinking default; overrides win', async () => {
    await mkdir(join(temp.dir, 'workspace'), { recursive: true });
    await writeFile(join(temp.dir, 'workspace', 'SOUL.md'), 'Speak like a pirate.');
    const { runtime, calls } = open((ref) => mockResponses.text(`answer from ${ref}`));
    const handle = runtime.send({ sessionKey: 'main', message: 'hello' });
    expect(handle.sessionKey).toBe('agent:main:main');
    await handle.accepted;
    const result = await handle.result;
    expect(result).toMatchObject({ status: 'ok', text: 'answer from fake/big' });
    const call = calls.get('fake/big')?.calls[0];
    expect(call?.thinking).toBe('low');
    const system = call?.prompt[0];
    expect(system?.role === 'system' && system.content).toContain('You are Claw running inside Rusty Claw');
    expect(system?.role === 'system' && system.content).toContain(`## ${join(temp.dir, 'workspace', 'SOUL.md')}\n\nSpeak like a pirate.`);
    expect(system?.role === 'system' && system.content).toContain('[MISSING] Expected at:');
    expect(await runtime.wait(handle.runId)).toEqual({ runId: result.runId, sessionKey: result.sessionKey, status: 'ok', text: result.text, stopReason: result.stopReason, usage: result.usage, model: result.model, sessionVersion: result.sessionVersion, startedAt: expect.any(Number), endedAt: expect.any(Number) });

    const store = runtime.sessionStore('main');
    await store.patch('agent:main:main', { ...modelOverridePatch('anthropic/backup'), thinkingLevel: 'max' });
    const overridden = await runtime.send({ message: 'again' }).result;
    expect(overridden.text).toBe('answer from anthropic/backup');
    expect(calls.get('anthropic/backup')?.calls[0]?.thinking).toBe('xhigh');
    expect((await runtime.send({ message: 'once', model: 'fake/big', thinking: 'off' }).result).text).toBe('answer from fake/big');
    expect((await store.get('agent:main:main'))?.meta).toMatchObject({ modelProvider: 'fake', model: 'big', contextTokens: 100_000 });
  });

  test('concurrent sends on one session run one by one; abort of a queued run drops it', async () => {
    const { runtime } = open((_ref, index) => ({ ...mockResponses.text(`reply ${index}`), delayMs: 2 } as MockStreamScript));
    const handles = [1, 2, 3].map((n) => runtime.send({ message: `m${n}`, runId: `r${n}` }));
    const dropped = runtime.send({ message: 'never', runId: 'r4' });
    await dropped.accepted;
    expect(runtime.abort('r4')).toBe(true);
    await expect(dropped.result).rejects.toMatchObject({ code: 'AGENT_ABORTED' });
    expect((await Promise.all(handles.map((handle) => handle.result))).map((result) => result.text)).toEqual(['reply 0', 'reply 1', 'reply 2']);
    const texts = (await readMessages(runtime.sessionStore('main'), 'agent:main:main')).map((message) => (message['content'] as Array<{ text: string }>)[0]?.text);
    expect(texts).toEqual(['m1', 'reply 0', 'm2', 'reply 1', 'm3', 'reply 2']);
    expect(await runtime.recover()).toEqual([]); // nothing left pending, the aborted one included
  });

  test('bad input is refused before anything is accepted', async () => {
    const { runtime } = open(() => mockResponses.text('x'));
    const handle = runtime.send({ message: 'x'.repeat(2_000_000) });
    await expect(handle.accepted).rejects.toMatchObject({ code: 'AGENT_MESSAGE_TOO_LARGE' });
    await expect(runtime.send({ message: 'hi', sessionKey: 'agent:bad id:x' }).accepted).rejects.toMatchObject({ code: 'SESSION_KEY_INVALID' });
    expect(await runtime.sessionStore('main').list()).toEqual([]);
  });

  test('reset and delete archive; compact summarizes through the models', async () => {
    const { runtime } = open((_ref, index) => mockResponses.text(index === 6 ? 'SUMMARY' : `reply ${index} ${'z'.repeat(400)}`));
    for (let n = 0; n < 6; n++) await runtime.send({ message: `question ${n} ${'q'.repeat(400)}` }).result;
    const compacted = await runtime.compact({ sessionKey: 'main' });
    expect(compacted).toMatchObject({ compacted: true, summary: 'SUMMARY' });
    const reset = await runtime.reset({ sessionKey: 'main' });
    expect(reset?.version).toBeGreaterThan(0);
    expect(await readMessages(runtime.sessionStore('main'), 'agent:main:main')).toEqual([]);
    expect(await runtime.delete({ sessionKey: 'main' })).toBe(true);
    const names = await readdir(join(temp.dir, 'agents', 'main', 'sessions'));
    expect(names.some((name) => name.includes('.checkpoint.'))).toBe(true);
    expect(names.some((name) => name.includes('.jsonl.reset.'))).toBe(true);
    expect(names.some((name) => name.includes('.jsonl.deleted.'))).toBe(true);
  });

  test('after kill -9, a message that was accepted while another run streamed is recovered and answered', async () => {
    child = spawnTsChild(fileURLToPath(new URL('./testing/runtime-crash-child.ts', import.meta.url)), [temp.dir]);
    const output = lineCollector(child);
    await output.waitFor((lines) => lines.includes('accepted 2') && lines.includes('delta'));
    await killHard(child);
    child = undefined;

    const { runtime } = open(() => mockResponses.text('answered after restart'));
    const recovered = await runtime.recover();
    expect(recovered.map((handle) => handle.runId)).toEqual(['run-2']);
    expect((await recovered[0]?.result)?.text).toBe('answered after restart');
    const messages = await readMessages(runtime.sessionStore('main'), 'agent:main:main');
    expect(messages.map((message) => [message['role'], (message['content'] as Array<{ text: string }>)[0]?.text])).toEqual([
      ['user', 'message 1'],
      ['user', 'message 2'],
      ['assistant', 'answered after restart'],
    ]);
    expect(await runtime.recover()).toEqual([]);
  }, 15_000);

  test('keeps the transcript of recent sessions in memory between runs (no re-read per turn)', async () => {
    const { models } = registry((_ref, index) => mockResponses.text(`reply ${index}`));
    let reads = 0;
    const runtime = new AgentRuntime({
      config,
      stateDir: temp.dir,
      models,
      openSessionStore: (agentId) => {
        const store = new FileSessionStore({ stateDir: temp.dir, agentId });
        const counting: SessionStore = {
          specificationVersion: 'v1',
          get: (key) => store.get(key),
          list: (filter) => store.list(filter),
          append: (key, entries, options) => store.append(key, entries, options),
          read: (key, options) => (reads++, store.read(key, options)),
          replace: (key, entries, options) => store.replace(key, entries, options),
          patch: (key, meta) => store.patch(key, meta),
          delete: (key) => store.delete(key),
          close: () => store.close(),
        };
        return counting;
      },
    });
    runtimes.push(runtime);
    for (let n = 0; n < 4; n++) expect((await runtime.send({ message: `m${n}` }).result).text).toBe(`reply ${n}`);
    expect(reads).toBe(1);
    await runtime.reset({});
    await runtime.send({ message: 'after reset' }).result;
    expect(reads).toBe(2);
  });
});

