import { Injectable } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import type { CopyValue } from '../../../platform/database/copy-text';
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

const RESERVATION_COLUMNS = [
  'id',
  'sale_id',
  'shopper_id',
  'quantity',
  'status',
  'order_id',
  'epoch',
  'idempotency_key',
  'created_at',
  'released_at',
  'failure',
] as const;

/**
 * How a batch is written. `new`: entries delivered for the first time, which are almost always absent from
 * Postgres, go in with COPY (~40% less of PostgreSQL's time per row); one that is there already fails the
 * caller's transaction with a unique violation, and the caller writes the batch again `idempotent`ly: INSERT ...
 * ON CONFLICT DO NOTHING, skipping what exists (entries taken over from a consumer that died, say).
 */
export type WriteMode = 'new' | 'idempotent';

/**
 * Writes accepted reservations and their `flash_sale` orders (DeferredPaymentOrders) in the caller's transaction.
 * A reservation and its order are always written together, so (written `idempotent`ly) a reservation found
 * written is skipped with its order. Entries of another gate generation than the sale's become `released` rows
 * without an order (domain/epoch.ts).
 */
@Injectable()
export class ReservationWriter {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly orders: DeferredPaymentOrders,
  ) {}

  /** The caller holds the sale row (FOR SHARE at least), so `saleEpoch` cannot change before it commits. */
  async write(
    sale: SaleView,
    saleEpoch: number,
    accepted: readonly AcceptedReservation[],
    mode: WriteMode = 'idempotent',
  ): Promise<WriteResult> {
    const unique = [...new Map(accepted.map((entry) => [entry.id, entry])).values()];
    if (unique.length === 0) return { inserted: 0, confirmed: 0, released: 0 };
    const releasedAt = this.clock.now().toISOString();
    const rows = unique.map((entry) => {
      const status = persistedStatus(entry.epoch, saleEpoch);
      const orderId = status === 'confirmed' ? orderIdFor(entry.id) : null;
      const record: Record<(typeof RESERVATION_COLUMNS)[number], CopyValue> = {
        id: entry.id,
        sale_id: sale.id,
        shopper_id: entry.shopperId,
        quantity: entry.quantity,
        status,
        order_id: orderId,
        epoch: entry.epoch,
        idempotency_key: entry.idempotencyKey,
        created_at: entry.acceptedAt.toISOString(),
        released_at: status === 'released' ? releasedAt : null,
        failure: null,
      };
      return { entry, status, orderId, record };
    });
    const records = rows.map((row) => row.record);
    let fresh: Set<string>;
    if (mode === 'new') {
      await this.db.copyInto('flash_reservations', RESERVATION_COLUMNS, records);
      fresh = new Set(rows.map((row) => row.entry.id));
    } else {
      fresh = await this.db.insertSkippingExisting('flash_reservations', RESERVATION_COLUMNS, records);
    }
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
    if (mode === 'new') await this.orders.insertNew(drafts);
    else await this.orders.insertMany(drafts);
    const released = rows.filter((r) => r.status === 'released' && fresh.has(r.entry.id)).length;
    return { inserted: fresh.size, confirmed: drafts.length, released };
  }

  /**
   * Writes an entry that cannot be written with its order (persist/batch-persister.ts) as `released`, with why,
   * and no order. True when this call wrote it and it was of the sale's generation: its units are then still
   * taken in the gate, and the caller gives them back (an entry of a lost generation never held any).
   */
  async writeFailed(saleEpoch: number, entry: AcceptedReservation, failure: string): Promise<boolean> {
    const inserted = await this.db.insertSkippingExisting('flash_reservations', RESERVATION_COLUMNS, [
      {
        id: entry.id,
        sale_id: entry.saleId,
        shopper_id: entry.shopperId,
        quantity: entry.quantity,
        status: 'released',
        order_id: null,
        epoch: entry.epoch,
        idempotency_key: entry.idempotencyKey,
        created_at: entry.acceptedAt.toISOString(),
        released_at: this.clock.now().toISOString(),
        failure: failure.slice(0, 500),
      },
    ]);
    return inserted.size > 0 && persistedStatus(entry.epoch, saleEpoch) === 'confirmed';
  }
}
