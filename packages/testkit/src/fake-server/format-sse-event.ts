/**
 * One raw SSE block: `event: <name>\ndata: <json>\n\n`, or `data: …` alone when `event` is omitted (OpenAI, Gemini).
 * Strings are sent as the data line verbatim (e.g. `[DONE]`).
 */
export function formatSseEvent(data: unknown, event?: string): string {
  const payload = typeof data === 'string' ? data : JSON.stringify(data);
  return `${event === undefined ? '' : `event: ${event}\n`}data: ${payload}\n\n`;
}
