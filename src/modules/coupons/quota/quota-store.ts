/** One attempt to take a template's stock and a shopper's allowance of it. */
export interface QuotaRequest {
  templateId: string;
  shopperId: string;
  totalQuantity: number;
  perUserLimit: number;
  /** Units to take: 1 per coupon. */
  units: number;
  /** After this the counters are not needed any more (the claim window has closed): caches may drop them. */
  forgetAfter: Date;
}

/**
 * Port: the contended counters behind a template's `totalQuantity` and `perUserLimit`.
 *
 * `take` takes the units and runs `work` (the caller's own rows: the coupon, a redeemed code) in the same
 * Postgres transaction as the record's counters, so a coupon exists exactly when its units were counted.
 * It throws COUPON_SOLD_OUT (which wins when both apply) or COUPON_LIMIT_REACHED and then nothing is taken, and
 * COUPON_NOT_CLAIMABLE once the merchant has ended the template (the record reads the end from the row);
 * whatever `work` throws is rethrown and nothing is taken either.
 *
 * Adapters: Postgres (the record itself: guarded conditional UPDATEs), and Redis (one Lua script per attempt as
 * a gate in front of that record, rebuilt from it when its keys are gone). One contract suite runs against both.
 */
export abstract class QuotaStore {
  abstract take<T>(request: QuotaRequest, work: () => Promise<T>): Promise<T>;
}
