import { nextEpoch, persistedStatus, rebuiltRemaining } from './epoch';

describe('gate generations', () => {
  it('persists an entry of the current generation as a sale, any other as released', () => {
    expect(persistedStatus(3, 3)).toBe('confirmed');
    expect(persistedStatus(2, 3)).toBe('released');
    // An entry from a generation Postgres never committed (a rebuild that died after writing Redis) is not a sale.
    expect(persistedStatus(4, 3)).toBe('released');
  });

  it('always moves to a new generation', () => {
    expect(nextEpoch(0)).toBe(1);
    expect(nextEpoch(41)).toBe(42);
  });

  it('rebuilds the stock from the live rows, never below zero', () => {
    expect(rebuiltRemaining(100, 60)).toBe(40);
    expect(rebuiltRemaining(100, 100)).toBe(0);
    expect(rebuiltRemaining(100, 101)).toBe(0);
  });
});
