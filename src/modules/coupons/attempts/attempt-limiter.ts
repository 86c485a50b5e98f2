/** A sliding window: at most `limit` failed attempts in any `windowMs`. */
export interface AttemptWindow {
  limit: number;
  windowMs: number;
}

/** Code redemption: 10 failed attempts a minute per shopper (API.md). */
export const CODE_ATTEMPTS: AttemptWindow = { limit: 10, windowMs: 60_000 };

export type Reservation = { granted: true; ticket: string } | { granted: false; retryAfterMs: number };

/**
 * Port: failed attempts per shopper. An attempt reserves a slot before it runs and counts as failed until it
 * is forgiven, so a burst of concurrent guesses gets exactly `limit` tries, not one per request in flight.
 * Adapters: Redis (a sorted set per shopper, one script) and Postgres (a row per attempt, under a per-shopper
 * transaction lock). Times come from the caller's clock.
 */
export abstract class AttemptLimiter {
  abstract reserve(shopperId: string, now: Date, window: AttemptWindow): Promise<Reservation>;
  /** The attempt did not fail (or failed for a reason that is not guessing): it no longer counts. */
  abstract forgive(shopperId: string, ticket: string): Promise<void>;
}
