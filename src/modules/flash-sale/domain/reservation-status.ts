/** A reservation row's life: `confirmed` (order awaiting payment) → `paid`, or → `released` (units given back). */
export type ReservationRowStatus = 'confirmed' | 'released' | 'paid';

/** What the shopper is told (API.md): a paid reservation is still simply `confirmed`; its order says paid. */
export type ReservationStatus = 'queued' | 'confirmed' | 'released';

/** Rows that hold units of the sale's stock and of the shopper's quota. */
export const LIVE_STATUSES: readonly ReservationRowStatus[] = ['confirmed', 'paid'];

/**
 * The shopper's view of a reservation from what the two stores know, read in this order: the gate's pending
 * entry (accepted, not persisted yet), then the row. Known to neither: the gate lost it before it was persisted
 * (Redis flushed or failed over), so its units were never sold: `released`.
 */
export function reservationStatus(pending: boolean, row: { status: ReservationRowStatus } | null): ReservationStatus {
  if (pending) return 'queued';
  if (!row) return 'released';
  return row.status === 'released' ? 'released' : 'confirmed';
}
