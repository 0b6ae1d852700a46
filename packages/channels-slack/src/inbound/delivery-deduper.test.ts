import { describe, expect, test } from 'vitest';
import { DeliveryDeduper } from './delivery-deduper.js';

describe('DeliveryDeduper', () => {
  test('a key is delivered once, later copies are duplicates', async () => {
    const deduper = new DeliveryDeduper();
    let calls = 0;
    const deliver = async () => {
      calls += 1;
    };
    expect(await deduper.run('C1:1.0', deliver)).toBe('delivered');
    expect(await deduper.run('C1:1.0', deliver)).toBe('duplicate');
    expect(calls).toBe(1);
  });

  test('a failed delivery is not remembered, so the redelivery runs again', async () => {
    const deduper = new DeliveryDeduper();
    await expect(deduper.run('k', async () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect(deduper.has('k')).toBe(false);
    expect(await deduper.run('k', async () => {})).toBe('delivered');
  });

  test('a copy arriving during the first delivery waits and shares its outcome', async () => {
    const deduper = new DeliveryDeduper();
    let release!: () => void;
    let calls = 0;
    const first = deduper.run('k', () => {
      calls += 1;
      return new Promise<void>((resolve) => (release = resolve));
    });
    const second = deduper.run('k', async () => {
      calls += 1;
    });
    release();
    expect(await first).toBe('delivered');
    expect(await second).toBe('duplicate');
    expect(calls).toBe(1);

    let fail!: (error: Error) => void;
    const failing = deduper.run('f', () => new Promise<void>((_, reject) => (fail = reject)));
    const copy = deduper.run('f', async () => {});
    fail(new Error('nope'));
    await expect(failing).rejects.toThrow('nope');
    await expect(copy).rejects.toThrow('nope');
  });

  test('bounded: the oldest keys are forgotten first', async () => {
    const deduper = new DeliveryDeduper(2);
    for (const key of ['a', 'b', 'c']) await deduper.run(key, async () => {});
    expect([deduper.has('a'), deduper.has('b'), deduper.has('c')]).toEqual([false, true, true]);
    expect(() => new DeliveryDeduper(0)).toThrow(RangeError);
  });
});
