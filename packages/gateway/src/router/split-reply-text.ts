/**
 * Splits a reply into a head of at most `limit` characters and the rest, preferring (in order) a paragraph break, a
 * line break, then a space, and never a break inside a ``` code fence when another break exists. Used when a
 * streamed draft must be finalised but the reply outgrew one message: the draft keeps the head, the rest is sent
 * (and chunked further by the channel).
 */
export function splitReplyText(text: string, limit: number): [head: string, rest: string] {
  if (text.length <= limit) return [text, ''];
  const window = text.slice(0, limit);
  const outsideFence = (index: number): boolean => (window.slice(0, index).match(/```/g)?.length ?? 0) % 2 === 0;
  for (const separator of ['\n\n', '\n', ' ']) {
    let index = window.lastIndexOf(separator);
    while (index > 0 && !outsideFence(index)) index = window.lastIndexOf(separator, index - 1);
    if (index > 0) return [text.slice(0, index).trimEnd(), text.slice(index + separator.length).trimStart()];
  }
  return [window, text.slice(limit)];
}
