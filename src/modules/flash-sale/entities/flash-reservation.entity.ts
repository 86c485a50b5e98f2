import { Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';
import type { ReservationRowStatus } from '../domain/reservation-status';

/**
 * Units of a sale taken by one shopper's accepted attempt; `confirmed` ones have a `flash_sale` order.
 * Indexes are few and append-friendly (time-ordered ids, one sale's rows together): a stampede writes
 * thousands of these a second, and reads them only per sale (stats, a rebuild) or per Idempotency-Key.
 */
@Entity({ name: 'flash_reservations' })
@Index('idx_flash_reservations_sale', ['saleId'])
// A sale's timeline sums payments by time; only paid rows are in it, written once each, at payment.
@Index('idx_flash_reservations_sale_paid', ['saleId', 'paidAt'], { where: 'paid_at IS NOT NULL' })
@Index('idx_flash_reservations_idempotency', ['saleId', 'shopperId', 'idempotencyKey'], {
  where: 'idempotency_key IS NOT NULL',
})
export class FlashReservation {
  /**
   * Made in Node when the attempt is accepted; shoppers see it prefixed with the sale id (domain/reservation-id.ts).
   * A confirmed reservation's order has this same id.
   */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  saleId!: string;

  @Column({ type: 'uuid' })
  shopperId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'text' })
  status!: ReservationRowStatus;

  /** Its `flash_sale` order (the same id); null for one released before it had an order. */
  @Column({ type: 'uuid', nullable: true })
  orderId!: string | null;

  /** The Redis gate generation that accepted it (0 on the Postgres adapter). */
  @Column({ type: 'integer' })
  epoch!: number;

  /** The purchase's Idempotency-Key, when it sent one. */
  @Column({ type: 'text', nullable: true })
  idempotencyKey!: string | null;

  /** When the attempt was accepted (not when it was persisted). */
  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  releasedAt!: Date | null;

  /** When its order was paid (the order's `paidAt`); null unless `paid`. */
  @Column({ type: 'timestamptz', nullable: true })
  paidAt!: Date | null;

  /** What its order paid (the order's `totalFen` at payment), for the sale's timeline; null unless `paid`. */
  @Column({ type: 'bigint', transformer: bigintNumber, nullable: true })
  paidFen!: number | null;

  /**
   * Why an accepted reservation could not be written with its order (persist/batch-persister.ts): it was released
   * instead, its units given back; the merchant sees these counted as `failedReservations`.
   */
  @Column({ type: 'text', nullable: true })
  failure!: string | null;
}
