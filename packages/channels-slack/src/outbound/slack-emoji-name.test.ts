import { ChannelError } from '@rusty-claw/plugin-sdk';
import { expect, test } from 'vitest';
import { slackEmojiName } from './slack-emoji-name.js';

test.each([
  ['👍', 'thumbsup'],
  [':eyes:', 'eyes'],
  ['white_check_mark', 'white_check_mark'],
  ['⚠️', 'warning'],
  ['⚠', 'warning'],
  [':+1::skin-tone-3:', '+1::skin-tone-3'],
  ['Party_Parrot', 'party_parrot'],
])('%j → %j', (emoji, name) => {
  expect(slackEmojiName(emoji)).toBe(name);
});

test('an unknown character is a typed error', () => {
  expect(() => slackEmojiName('🦑')).toThrow(ChannelError);
});
