import { expect, test } from 'vitest';
import { slackToPlainText } from './slack-to-plain-text.js';

test.each([
  ['<@U0BOT> hello', '@U0BOT hello'],
  ['<@U1|ann> hi', '@ann hi'],
  ['in <#C1|general> and <#C2>', 'in #general and #C2'],
  ['<!here> <!channel> <!everyone>', '@here @channel @everyone'],
  ['<!subteam^S1|@devs> look', '@devs look'],
  ['<!date^1392734382^{date}|Feb 18, 2014>', 'Feb 18, 2014'],
  ['<https://a.b/c|the docs> and <https://x.y>', 'the docs (https://a.b/c) and https://x.y'],
  ['<mailto:a@b.c|a@b.c>', 'a@b.c'],
  ['a &lt;b&gt; &amp;amp; c', 'a <b> &amp; c'],
  ['*bold* _it_', '*bold* _it_'],
])('%j → %j', (input, expected) => {
  expect(slackToPlainText(input)).toBe(expected);
});

test('user names resolve mentions (the bot by its name)', () => {
  expect(slackToPlainText('<@U0BOT> ping <@U1>', { userNames: new Map([['U0BOT', 'claw'], ['U1', 'ann']]) })).toBe('@claw ping @ann');
});
