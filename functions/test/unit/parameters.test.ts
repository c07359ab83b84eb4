import { describe, expect, it } from 'vitest';
import { cachedValue, forgetCachedValue } from '../../src/lib/parameters.js';

/** A loader whose reads the test answers one by one, in any order. */
function controlledLoader() {
  const pending: ((value: string) => void)[] = [];
  let reads = 0;
  const load = () => {
    reads += 1;
    return new Promise<string>((resolve) => pending.push(resolve));
  };
  return { load, pending, reads: () => reads };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a cached value', () => {
  it('is read once while fresh', async () => {
    const loader = controlledLoader();
    const get = cachedValue('fresh-test', 30, loader.load);
    const first = get();
    await settle();
    loader.pending[0]!('v1');
    expect(await first).toBe('v1');
    expect(await get()).toBe('v1');
    expect(loader.reads()).toBe(1);
  });

  it('is read again after a forget, even when a read from before the change ends last', async () => {
    const loader = controlledLoader();
    const get = cachedValue('race-test', 30, loader.load);
    const before = get(); // started before the change: will read the old value
    await settle();
    forgetCachedValue('race-test'); // the change is written in this container
    const after = get();
    await settle();
    loader.pending[1]!('new');
    expect(await after).toBe('new');
    loader.pending[0]!('old'); // the read from before the change ends last
    await settle();
    // It reads again rather than leave the old value in the cache.
    loader.pending[2]?.('new');
    expect(await before).toBe('new');
    expect(await get()).toBe('new');
  });
});

describe('a forgotten value read by several at once', () => {
  it('answers none of them from the old cache while the first new read is under way', async () => {
    const loader = controlledLoader();
    const get = cachedValue('overlap-test', 30, loader.load);
    const warm = get();
    await settle();
    loader.pending[0]!('old');
    expect(await warm).toBe('old');

    forgetCachedValue('overlap-test');
    const first = get(); // goes to the store
    const second = get(); // at the same time: must not be answered 'old' from the cache
    await settle();
    for (const resolve of loader.pending.slice(1)) resolve('new');
    expect(await Promise.all([first, second])).toEqual(['new', 'new']);
    expect(await get()).toBe('new');
  });
});
