import type { ReservationRowStatus } from './reservation-status';

/**
 * How a reservation the Redis gate accepted is persisted. The gate's keys carry a generation (`epoch`) that
 * every rebuild bumps, under the sale row's lock, after counting the live reservations already in Postgres.
 * An accepted entry of the current generation is a sale (`confirmed`, with an order). An entry of an older
 * generation was accepted by keys that were lost before it was persisted: the rebuild did not count it and may
 * have sold its units again, so it becomes `released` (the shopper is told so) and never an order.
 */
export function persistedStatus(
  entryEpoch: number,
  saleEpoch: number,
): Extract<ReservationRowStatus, 'confirmed' | 'released'> {
  return entryEpoch === saleEpoch ? 'confirmed' : 'released';
}

/** The generation a rebuild writes: always a new one, so nothing accepted before it can count after it. */
export const nextEpoch = (current: number): number => current + 1;

/**
 * Units a rebuilt gate starts from: the stock less what live rows hold. Never below zero (rows can only
 * exceed the stock if something else already broke invariant 1; the gate then sells nothing more).
 */
export function rebuiltRemaining(totalStock: number, liveUnits: number): number {
  return Math.max(0, totalStock - liveUnits);
}
