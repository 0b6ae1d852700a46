import { anthropicContractFake, describeLanguageModelContract } from '@rusty-claw/testkit';
import { createAnthropic } from './anthropic-provider.js';

describeLanguageModelContract({
  name: 'anthropic',
  makeModel: (baseUrl) => createAnthropic({ apiKey: 'sk-ant-test', baseURL: baseUrl }).languageModel('claude-sonnet-4-6'),
  fake: anthropicContractFake,
  capabilities: { reasoning: true, reasoningSignature: true, cacheReadTokens: true, cacheWriteTokens: true, toolCallIds: true },
});
