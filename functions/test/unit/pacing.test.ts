import { describe, expect, it } from 'vitest';
import { chunkSize } from '../../src/comms/pacing.js';

describe('pacing', () => {
  it('sizes chunks to what a worker sends in its share of a batch, at most 50', () => {
    expect(chunkSize(14)).toBe(50);
    expect(chunkSize(2)).toBe(8);
    expect(chunkSize(0.1)).toBe(1);
    expect(chunkSize(10_000)).toBe(50);
  });
});
