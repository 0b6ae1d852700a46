import { apiError, type BotApiAnswer } from './fake-telegram-messages.js';
import type { FakeTelegramFault } from './fake-telegram-types.js';

type QueuedFault = Extract<FakeTelegramFault, { kind: 'conflict' | 'server-error' | 'rate-limit' }>;

/** Queued error answers (409, 5xx, 429), each for the next `times` calls of the methods it targets. */
export class FakeTelegramFaultQueue {
  private readonly faults: QueuedFault[] = [];

  push(fault: QueuedFault): void {
    this.faults.push(fault);
  }

  /** The answer of the first queued fault that applies to `method` (consuming one of its `times`), if any. */
  take(method: string): BotApiAnswer | undefined {
    const index = this.faults.findIndex((fault) => {
      if (fault.kind === 'conflict') return method === 'getUpdates';
      if (fault.kind === 'server-error') return (fault.methods ?? ['getUpdates']).includes(method);
      if (fault.kind === 'rate-limit') return (fault.methods ?? ['sendMessage']).includes(method);
      return false;
    });
    const fault = this.faults[index];
    if (!fault) return undefined;
    const times = 'times' in fault && fault.times !== undefined ? fault.times - 1 : 0;
    if (times > 0) this.faults[index] = { ...fault, times } as QueuedFault;
    else this.faults.splice(index, 1);
    if (fault.kind === 'conflict') return apiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running');
    if (fault.kind === 'rate-limit') return apiError(429, `Too Many Requests: retry after ${fault.retryAfter}`, { retry_after: fault.retryAfter });
    const status = fault.kind === 'server-error' ? (fault.status ?? 502) : 500;
    return apiError(status, status === 502 ? 'Bad Gateway' : 'Internal Server Error');
  }
}
