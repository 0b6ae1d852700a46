import type { Logger } from '@rusty-claw/plugin-sdk';
import type { Logger as BoltLogger, LogLevel } from '@slack/bolt';

/**
 * Bolt, WebClient and SocketModeClient log through this adapter into our logger (never to the console). Their
 * messages are variadic strings; they become one message with `component` set.
 */
export function boltLogger(logger: Logger, accountId: string): BoltLogger {
  let name = 'bolt';
  const emit = (level: keyof Logger) => (...parts: unknown[]) => {
    const message = parts.map((part) => (part instanceof Error ? part.message : typeof part === 'string' ? part : safeJson(part))).join(' ');
    logger[level]({ channel: 'slack', accountId, component: name }, message);
  };
  return {
    debug: emit('debug'),
    info: emit('debug'), // The SDKs' "info" lines are lifecycle chatter; our own code logs the events that matter.
    warn: emit('warn'),
    error: emit('warn'), // Errors surface through our own error handling (status + one error log line).
    setLevel: () => {},
    getLevel: () => 'info' as LogLevel,
    setName: (next: string) => {
      name = next;
    },
  };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}
