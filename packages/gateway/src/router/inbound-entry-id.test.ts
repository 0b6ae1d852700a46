import { describe, expect, it } from 'vitest';
import { inboundEntryId } from './inbound-entry-id.js';

const message = { channel: 'telegram', accountId: 'default', chat: { id: '5001' }, messageId: '42' };

describe('inboundEntryId', () => {
  it('is a UUID-shaped id, the same for every delivery of one platform message', () => {
    const id = inboundEntryId(message);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(inboundEntryId({ ...message, chat: { id: '5001' } })).toBe(id);
  });

  it('differs when any of channel, account, chat or message id differs', () => {
    const ids = new Set([
      inboundEntryId(message),
      inboundEntryId({ ...message, channel: 'discord' }),
      inboundEntryId({ ...message, accountId: 'work' }),
      inboundEntryId({ ...message, chat: { id: '5002' } }),
      inboundEntryId({ ...message, messageId: '43' }),
      // The parts are encoded before they are joined, so a separator inside one part cannot forge another key.
      inboundEntryId({ ...message, chat: { id: '5001/42' }, messageId: '' }),
    ]);
    expect(ids.size).toBe(6);
  });
});
