import { describeLanguageModelContract, geminiContractFake } from '@rusty-claw/testkit';
import { createGoogle } from './index.js';

// The shared LanguageModel conformance suite, through the real `@google/genai` SDK against the loopback fake.
describeLanguageModelContract({
  name: 'google gemini',
  makeModel: (baseUrl) => createGoogle({ apiKey: 'test-key', baseURL: baseUrl }).languageModel('gemini-2.5-flash'),
  fake: geminiContractFake,
  capabilities: { reasoning: true, reasoningSignature: true, cacheReadTokens: true, cacheWriteTokens: false, toolCallIds: false },
});
