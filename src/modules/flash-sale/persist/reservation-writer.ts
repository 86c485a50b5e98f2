import { Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { Db } from '../../../platform/database/db';
import { DeferredOrderDraft, DeferredPaymentOrders } from '../../orders/deferred-payment-orders';
import { persistedStatus } from '../domain/epoch';
import { orderIdFor } from '../domain/reservation-id';
import type { SaleView } from '../gate/flash-stock-gate';

/** A reservation the gate accepted, as the gate recorded it. */
export interface AcceptedReservation {
  /** The row's id (and its order's). */
  id: string;
  /** As the shopper knows it (domain/reservation-id.ts). */
  reservationId: string;
  saleId: string;
  shopperId: string;
  openid: string;
  quantity: number;
  /** Gate generation that accepted it. */
  epoch: number;
  idempotencyKey: string | null;
  acceptedAt: Date;
}

export interface WriteResult {
  /** Rows inserted by this call (the others were there already). */
  inserted: number;
  confirmed: number;
  released: number;
}

/**
 * Writes accepted reservations and their `flash_sale` orders: one multi-row INSERT for the reservations, one for
 * the orders, one for their items (each from one JSON parameter), in the caller's transaction. Idempotent: a reservation written before is
 * skipped with its order (both were written together). Entries of another gate generation than the sale's
 * become `released` rows without an order (domain/epoch.ts).
 */
@Injectable()
export class ReservationWriter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly orders: DeferredPaymentOrders,
  ) {}

  /** The caller holds the sale row (FOR SHARE at least), so `saleEpoch` cannot change before it commits. */
  async write(sale: SaleView, saleEpoch: number, accepted: readonly AcceptedReservation[]): Promise<WriteResult> {
    const unique = [...new Map(accepted.map((entry) => [entry.id, entry])).values()];
    if (unique.length === 0) return { inserted: 0, confirmed: 0, released: 0 };
    const rows = unique.map((entry) => {
      const status = persistedStatus(entry.epoch, saleEpoch);
      return { entry, status, orderId: status === 'confirmed' ? orderIdFor(entry.id) : null };
    });
    const [{ ids }] = await this.db.query<{ ids: string[] | null }>(
      `WITH inserted AS (
       INSERT INTO flash_reservations (id, sale_id, shopper_id, quantity, status, order_id, epoch, idempotency_key,
         created_at, released_at)
       SELECT u.id, $1, u.shopper_id, u.quantity, u.status, u.order_id, u.epoch, u.idempotency_key,
         to_timestamp(u.created_ms / 1000.0), CASE WHEN u.status = 'released' THEN $2::timestamptz END
       FROM json_to_recordset($3::json) AS u(id uuid, shopper_id uuid, quantity integer, status text,
         order_id uuid, epoch integer, idempotency_key text, created_ms bigint)
       ON CONFLICT (id) DO NOTHING
       RETURNING id)
       SELECT array_agg(id) AS ids FROM inserted`,
      [
        sale.id,
        this.clock.now(),
        JSON.stringify(
          rows.map((r) => ({
            id: r.entry.id,
            shopper_id: r.entry.shopperId,
            quantity: r.entry.quantity,
            status: r.status,
            order_id: r.orderId,
            epoch: r.entry.epoch,
            idempotency_key: r.entry.idempotencyKey,
            created_ms: r.entry.acceptedAt.getTime(),
          })),
        ),
      ],
    );
    const fresh = new Set(ids ?? []);
    const drafts: DeferredOrderDraft[] = rows
      .filter((r) => r.orderId !== null && fresh.has(r.entry.id))
      .map((r) => ({
        id: r.orderId!,
        kind: 'flash_sale',
        shopper: { userId: r.entry.shopperId, openid: r.entry.openid },
        merchantId: sale.merchantId,
        lines: [{ productId: sale.productId, quantity: r.entry.quantity, unitPriceFen: sale.priceFen }],
        expiresAt: new Date(r.entry.acceptedAt.getTime() + sale.paymentWindowSeconds * 1000),
        createdAt: r.entry.acceptedAt,
      }));
    await this.orders.insertMany(drafts);
    const released = rows.filter((r) => r.status === 'released' && fresh.has(r.entry.id)).length;
    return { inserted: fresh.size, confirmed: drafts.length, released };
  }
}
