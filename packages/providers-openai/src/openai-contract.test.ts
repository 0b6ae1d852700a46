import { describeLanguageModelContract, openaiChatContractFake, openaiResponsesContractFake } from '@rusty-claw/testkit';
import { createOpenAI } from './index.js';

// The shared LanguageModel conformance suite, through the real `openai` SDK against the loopback fake.
describeLanguageModelContract({
  name: 'openai chat completions',
  makeModel: (baseUrl) => createOpenAI({ apiKey: 'sk-test', baseURL: `${baseUrl}/v1` }).chat('gpt-5-mini'),
  fake: openaiChatContractFake,
  capabilities: { reasoning: true, reasoningSignature: false, cacheReadTokens: true, cacheWriteTokens: false },
});

describeLanguageModelContract({
  name: 'openai responses',
  makeModel: (baseUrl) => createOpenAI({ apiKey: 'sk-test', baseURL: `${baseUrl}/v1` }).responses('gpt-5-mini'),
  fake: openaiResponsesContractFake,
  capabilities: { reasoning: true, reasoningSignature: false, cacheReadTokens: true, cacheWriteTokens: true },
});
