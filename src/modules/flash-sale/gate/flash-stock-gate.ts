import type { ShopperCaller } from '../../../platform/auth/caller';
import type { SaleWindow } from '../domain/sale-status';

/**
 * What the hot path knows of a sale: read once from Postgres, kept in process until an edit or an end is heard
 * (SaleDirectory). Its total stock is not here: only the gate's counters and the row itself count units.
 */
export interface SaleView extends SaleWindow {
  id: string;
  merchantId: string;
  productId: string;
  priceFen: number;
  perUserLimit: number;
  paymentWindowSeconds: number;
}

export interface ReserveAttempt {
  shopper: ShopperCaller;
  quantity: number;
  /** The request's Idempotency-Key: a repeat returns the first reservation. */
  idempotencyKey: string | null;
  /** Business time (the injected Clock), in ms. */
  nowMs: number;
}

/** What the purchase answers with 202; a repeat of an Idempotency-Key answers the first one's again. */
export interface Reservation {
  reservationId: string;
  status: 'queued' | 'confirmed';
  orderId: string | null;
}

export type ReserveOutcome =
  | ({ kind: 'accepted'; remaining: number } & Reservation)
  | ({ kind: 'repeat'; quantity: number } & Reservation)
  | { kind: 'sold_out'; remaining: number }
  /** remaining: what the gate saw left (null when it did not look): units are there, just not for this shopper. */
  | { kind: 'limit_reached'; remaining: number | null }
  | { kind: 'not_active' }
  | { kind: 'rate_limited'; retryAfterMs: number };

export interface ReleasedReservation {
  id: string;
  saleId: string;
  shopperId: string;
  quantity: number;
}

/** Attempts one shopper may make on one sale in one window before 429 (checked inside the gate's one call). */
export const RATE_LIMIT_ATTEMPTS = 10;
export const RATE_LIMIT_WINDOW_MS = 1000;

/**
 * Port: the contended counters of a flash sale (its stock and each shopper's quota) and the decision on one
 * purchase attempt. Checks, in this order: the shopper's rate, a repeated Idempotency-Key, the window, the
 * stock (sold out wins over the limit), the shopper's quota; then takes the units atomically.
 *
 * Adapters: Redis (one Lua script per attempt; reservations are `queued` and persisted in batches by the
 * consumer; the keys are rebuilt from Postgres when lost) and Postgres (guarded conditional UPDATEs; the
 * reservation and its order are written in the request: `confirmed`). One contract suite runs against both.
 */
export abstract class FlashStockGate {
  abstract reserve(sale: SaleView, attempt: ReserveAttempt): Promise<ReserveOutcome>;

  /**
   * Inside the transaction that moved the reservation from `confirmed` to `released` (and so only once per
   * reservation): gives its units and the shopper's quota back, in that transaction (Postgres) or once it
   * commits (Redis: RedisGiveBack).
   */
  abstract release(reservation: ReleasedReservation): Promise<void>;

  /** Units the gate says are left; null when it does not know (its keys are not loaded). */
  abstract remaining(sale: SaleView): Promise<number | null>;

  /** `remaining` of each sale, by id: a list page's figures in one read where the store allows. */
  async remainingOfEach(sales: SaleView[]): Promise<Map<string, number | null>> {
    const figures = await Promise.all(sales.map((sale) => this.remaining(sale)));
    return new Map(sales.map((sale, i) => [sale.id, figures[i]]));
  }

  /** The owner of a reservation accepted and not persisted yet; null when there is none. */
  abstract queued(saleId: string, reservationId: string): Promise<{ shopperId: string } | null>;

  /** Gets the gate ready for a new sale ahead of its start (best effort: the first attempt would do it too). */
  abstract prepare(sale: SaleView): Promise<void>;

  /**
   * Inside the transaction that edited the sale (its row locked FOR UPDATE, `total_stock` moved by `units`, which
   * are negative only before the start): the gate's count of units left moves by as much, exactly once, and what it
   * keeps lasts as long as `sale`'s window needs. The Postgres adapter's counter moved in the edit's own statement;
   * the Redis gate follows once the edit commits (RedisStockChanges).
   */
  abstract edited(sale: SaleView, units: number): Promise<void>;
}
