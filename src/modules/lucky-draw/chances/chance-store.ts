/** One draw's claim on the counters: a chance of the shopper's day, and a unit of the picked prize if limited. */
export interface DrawAttempt {
  campaignId: string;
  shopperId: string;
  /** `YYYY-MM-DD` in the campaign's time zone. */
  day: string;
  drawsPerUserPerDay: number;
  shareBonusDrawsPerDay: number;
  /** The picked prize when its stock is limited; null when it is unlimited (always in stock). */
  limitedPrize: { id: string; stock: number } | null;
  /** After this the counters are not needed any more (the campaign has ended): caches may drop them. */
  forgetAfter: Date;
}

/**
 * What a draw's work is given: whether the picked prize is in stock (its unit taken), and a way to give that unit
 * back in the same transaction when the prize cannot be delivered after all (the draw is then a miss).
 */
export type DrawWork<T> = (inStock: boolean, giveBackStock: () => Promise<void>) => Promise<T>;

export interface ShopperDay {
  campaignId: string;
  shopperId: string;
  day: string;
}

/**
 * Port: the contended counters of a draw campaign (chances per shopper per day, limited prize stock).
 *
 * `spend` spends one chance (LUCKY_DRAW_NO_CHANCES when none is left, and then nothing is spent), takes one unit
 * of the picked prize when it is limited and some is left, and runs `work(inStock)` in the same Postgres
 * transaction as the record's counters, so a draw row exists exactly when its chance (and unit) were counted.
 * Whatever `work` throws is rethrown and nothing is spent. A unit `work` gives back is in stock again once the
 * draw commits (its chance stays spent).
 *
 * `share` counts a share of the shopper's day (never above the bonus cap) and answers the day's counts.
 *
 * Adapters: Postgres (the record: guarded conditional statements) and Redis (one Lua script per draw as a gate
 * in front of the record, loaded from it when keys are missing). One contract suite runs against both.
 */
export abstract class ChanceStore {
  abstract spend<T>(attempt: DrawAttempt, work: DrawWork<T>): Promise<T>;
  abstract share(day: ShopperDay, bonusCap: number): Promise<{ used: number; shares: number }>;
}
