/** Names to put in place of Discord's `<@id>`, `<#id>` and `<@&id>` tokens (unknown ids stay as ids). */
export interface DiscordMarkupNames {
  /** The bot's own user id: its mention is removed (it only addresses the bot). */
  botId?: string | undefined;
  users?: ReadonlyMap<string, string>;
  channels?: ReadonlyMap<string, string>;
  roles?: ReadonlyMap<string, string>;
}

/**
 * Discord message content → plain text for the agent: mention, channel, role, custom-emoji, timestamp and
 * slash-command tokens become readable text; the bot's own mention is dropped. Markdown (what users type) is kept.
 */
export function discordMarkupToText(content: string, names: DiscordMarkupNames = {}): string {
  // The bot's mention with the spaces around it becomes one space ("<@bot> hi" → "hi"), other spacing is kept.
  const withoutBot = names.botId && /^\d+$/.test(names.botId) ? content.replace(new RegExp(`[ \\t]*<@!?${names.botId}>[ \\t]*`, 'g'), ' ') : content;
  return withoutBot
    .replace(/<@!?(\d+)>/g, (_match, id: string) => `@${names.users?.get(id) ?? id}`)
    .replace(/<@&(\d+)>/g, (_match, id: string) => `@${names.roles?.get(id) ?? id}`)
    .replace(/<#(\d+)>/g, (_match, id: string) => `#${names.channels?.get(id) ?? id}`)
    .replace(/<a?:(\w{1,64}):\d+>/g, ':$1:')
    .replace(/<\/([\w -]{1,96}):\d+>/g, '/$1')
    .replace(/<t:(-?\d{1,13})(?::[tTdDfFR])?>/g, (match, seconds: string) => {
      const date = new Date(Number(seconds) * 1000);
      return Number.isNaN(date.getTime()) ? match : date.toISOString();
    })
    .trim();
}
