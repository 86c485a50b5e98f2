/** Waits after each failed attempt (API.md): the first is followed by 5 s, then 5 min, 30 min, 2 h, 5 h, 10 h, 10 h. */
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];

/** Every attempt a delivery gets: the first and one per retry delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When to try again after the nth failed attempt (1-based), or null when that was the last: the delivery fails. */
export function nextAttemptAfter(failedAttempts: number, now: Date): Date | null {
  const delay = RETRY_DELAYS_MS[failedAttempts - 1];
  return delay === undefined ? null : new Date(now.getTime() + delay);
}
