import { afterFailedAttempt, MAX_DELIVERY_ATTEMPTS, redeliveryDelayMs } from './redelivery-schedule';

describe('re-delivery schedule', () => {
  it('waits 1 s after the first failure, doubling, capped at 60 s', () => {
    const delays = Array.from({ length: 14 }, (_, i) => redeliveryDelayMs(i + 1));
    expect(delays).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60, 60, 60, 60, 60].map((s) => s * 1000));
  });

  it('schedules the next attempt from now while attempts remain', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(afterFailedAttempt(3, now)).toEqual({ status: 'pending', nextAttemptAt: new Date(now.getTime() + 4000) });
  });

  it('gives up after the 15th attempt', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(15);
    expect(afterFailedAttempt(14, new Date()).status).toBe('pending');
    expect(afterFailedAttempt(15, new Date())).toEqual({ status: 'failed' });
  });
});
