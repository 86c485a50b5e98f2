/**
 * The sandbox's re-delivery schedule for unacknowledged notifications (API.md): after 1 s, doubling, capped at
 * 60 s, 15 attempts in all. Real WeChat Pay waits 15 s … 6 h; the sandbox is faster so tests and demos finish.
 */
export const MAX_DELIVERY_ATTEMPTS = 15;
const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;

/** How long to wait after the nth failed attempt (n ≥ 1). */
export function redeliveryDelayMs(failedAttempts: number): number {
  return Math.min(FIRST_DELAY_MS * 2 ** Math.max(0, failedAttempts - 1), MAX_DELAY_MS);
}

export type AfterFailure = { status: 'pending'; nextAttemptAt: Date } | { status: 'failed' };

/** What becomes of a delivery whose attempt number `attempts` just failed. */
export function afterFailedAttempt(attempts: number, now: Date): AfterFailure {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return { status: 'failed' };
  return { status: 'pending', nextAttemptAt: new Date(now.getTime() + redeliveryDelayMs(attempts)) };
}
