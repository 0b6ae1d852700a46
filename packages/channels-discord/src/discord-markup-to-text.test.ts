import { describe, expect, test } from 'vitest';
import { discordMarkupToText } from './discord-markup-to-text.js';

describe('discordMarkupToText', () => {
  const names = {
    botId: '42',
    users: new Map([['7', 'alice']]),
    channels: new Map([['9', 'general']]),
    roles: new Map([['11', 'mods']]),
  };

  test("drops the bot's own mention with its spacing", () => {
    expect(discordMarkupToText('<@42> hello there', names)).toBe('hello there');
    expect(discordMarkupToText('hey <@!42>   what now', names)).toBe('hey what now');
  });

  test('other mentions, channels and roles become names (ids when unknown)', () => {
    expect(discordMarkupToText('ask <@7> or <@!8> in <#9> / <#10>, cc <@&11> <@&12>', names)).toBe(
      'ask @alice or @8 in #general / #10, cc @mods @12',
    );
  });

  test('custom emoji, slash commands and timestamps become text', () => {
    expect(discordMarkupToText('nice <:party:123> <a:spin:456>', names)).toBe('nice :party: :spin:');
    expect(discordMarkupToText('run </deploy prod:789>', names)).toBe('run /deploy prod');
    expect(discordMarkupToText('at <t:0:R>', names)).toBe('at 1970-01-01T00:00:00.000Z');
  });

  test('Markdown and code indentation are kept', () => {
    expect(discordMarkupToText('**bold**\n```\n  indented\n```', names)).toBe('**bold**\n```\n  indented\n```');
  });
});
