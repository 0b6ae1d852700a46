import { ChannelError } from '@rusty-claw/plugin-sdk';

/** Common Unicode emoji → Slack's short names (reactions.add takes names, not characters). */
const NAMES: Record<string, string> = {
  '👍': 'thumbsup',
  '👎': 'thumbsdown',
  '👀': 'eyes',
  '✅': 'white_check_mark',
  '✔️': 'heavy_check_mark',
  '❌': 'x',
  '❤️': 'heart',
  '❤': 'heart',
  '🎉': 'tada',
  '😂': 'joy',
  '😀': 'grinning',
  '😊': 'blush',
  '🙏': 'pray',
  '🔥': 'fire',
  '🚀': 'rocket',
  '💯': '100',
  '🤔': 'thinking_face',
  '⚠️': 'warning',
  '⏳': 'hourglass_flowing_sand',
  '⌛': 'hourglass',
  '👋': 'wave',
  '🙌': 'raised_hands',
  '👏': 'clap',
  '😢': 'cry',
  '😮': 'open_mouth',
  '🤖': 'robot_face',
  '💡': 'bulb',
  '📝': 'memo',
  '🐛': 'bug',
};

/**
 * The Slack reaction name for `emoji`: `:name:` or `name` is used as is (custom workspace emoji included), common
 * Unicode emoji are translated, anything else is a typed error rather than a silent no-op.
 */
export function slackEmojiName(emoji: string): string {
  const trimmed = emoji.trim();
  const named = /^:?([a-z0-9_+'-]+(?:::skin-tone-[2-6])?):?$/i.exec(trimmed);
  if (named?.[1] !== undefined) return named[1].toLowerCase();
  // With or without the emoji presentation selector (U+FE0F) a character names the same reaction.
  const bare = trimmed.replace(/\uFE0F/g, '');
  const name = NAMES[trimmed] ?? NAMES[bare] ?? NAMES[`${bare}\uFE0F`];
  if (name !== undefined) return name;
  throw new ChannelError('slack', `no Slack reaction name known for ${JSON.stringify(emoji)}; pass a name such as "thumbsup" or ":eyes:"`, { code: 'SLACK_UNKNOWN_EMOJI' });
}
