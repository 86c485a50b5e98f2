import { MAX_ATTEMPTS, nextAttemptAfter } from './retry-schedule';

describe('webhook retry schedule', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  const after = (attempts: number) => nextAttemptAfter(attempts, now)?.getTime() ?? null;

  it('waits 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h after the first seven failures', () => {
    const minutes = [1, 2, 3, 4, 5, 6, 7].map((n) => (after(n)! - now.getTime()) / 60_000);
    expect(minutes).toEqual([5 / 60, 5, 30, 120, 300, 600, 600]);
  });

  it('gives up after the eighth attempt', () => {
    expect(MAX_ATTEMPTS).toBe(8);
    expect(after(8)).toBeNull();
  });
});
