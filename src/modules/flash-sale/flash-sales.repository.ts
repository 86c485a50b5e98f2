import { Injectable } from '@nestjs/common';
import { campaignListQuery } from '../../platform/campaigns/campaign-list';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { CampaignWindow, closesAt } from '../../platform/campaigns/campaign-status';
import { bucketSql } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Db } from '../../platform/database/db';
import { FlashReservation } from './entities/flash-reservation.entity';
import { FlashSale } from './entities/flash-sale.entity';
import { RESERVATION_LIFECYCLE } from './domain/reservation-lifecycle';
import { LIVE_STATUSES, ReservationRowStatus } from './domain/reservation-status';
import type { SaleView } from './gate/flash-stock-gate';

export const toSaleView = (sale: FlashSale): SaleView => ({
  id: sale.id,
  merchantId: sale.merchantId,
  productId: sale.productId,
  priceFen: sale.priceFen,
  perUserLimit: sale.perUserLimit,
  startsAtMs: sale.startsAt.getTime(),
  // An early end closes the window for the purchase path and the gate alike.
  endsAtMs: closesAt(sale).getTime(),
  paymentWindowSeconds: sale.paymentWindowSeconds,
});

/** What an edit may change: the creation fields, and the product's name with the product. */
export type SaleTermsRow = Pick<
  FlashSale,
  | 'productId'
  | 'productName'
  | 'priceFen'
  | 'totalStock'
  | 'perUserLimit'
  | 'startsAt'
  | 'endsAt'
  | 'paymentWindowSeconds'
>;

export interface SaleUnits {
  confirmed: number;
  paid: number;
}

export interface ReleasedRow {
  id: string;
  saleId: string;
  shopperId: string;
  quantity: number;
}

/** The flash-sale tables' queries. Rules live in the services; this file holds SQL only. */
@Injectable()
export class FlashSalesRepository {
  constructor(private readonly db: Db) {}

  async insert(sale: FlashSale): Promise<void> {
    await this.db.repo(FlashSale).insert({ ...sale });
  }

  find(id: string): Promise<FlashSale | null> {
    return this.db.repo(FlashSale).findOneBy({ id });
  }

  /** The merchant's sales, newest first; `q` matches the product name the sale was created with. */
  listForMerchant(merchantId: string, query: CampaignListQuery, now: Date): Promise<FlashSale[]> {
    const columns = { alias: 's', name: 'product_name', startsAt: 'starts_at', endsAt: 'ends_at' };
    const builder = this.db.repo(FlashSale).createQueryBuilder('s');
    return campaignListQuery(builder, merchantId, query, columns, now).getMany();
  }

  findForMerchant(id: string, merchantId: string): Promise<FlashSale | null> {
    return this.db.repo(FlashSale).findOneBy({ id, merchantId });
  }

  /**
   * The row, locked for the rest of the transaction (an edit): batches being persisted, rebuilds of the Redis gate,
   * give-backs and the Postgres adapter's counter updates wait for it, and it for them.
   */
  lockForMerchant(id: string, merchantId: string): Promise<FlashSale | null> {
    return this.db
      .repo(FlashSale)
      .createQueryBuilder('s')
      .setLock('pessimistic_write')
      .where('s.id = :id AND s.merchant_id = :merchantId', { id, merchantId })
      .getOne();
  }

  /**
   * Writes an edit's terms. The Postgres adapter's counter of units left moves with `total_stock` in this same
   * statement (under Redis the column is not read, and keeps equal to the total).
   */
  async updateTerms(id: string, terms: SaleTermsRow): Promise<void> {
    await this.db.query(
      `UPDATE flash_sales SET product_id = $2, product_name = $3, price_fen = $4,
              remaining = remaining + ($5 - total_stock), total_stock = $5,
              per_user_limit = $6, starts_at = $7, ends_at = $8, payment_window_seconds = $9
        WHERE id = $1`,
      [
        id,
        terms.productId,
        terms.productName,
        terms.priceFen,
        terms.totalStock,
        terms.perUserLimit,
        terms.startsAt,
        terms.endsAt,
        terms.paymentWindowSeconds,
      ],
    );
  }

  /** Stamps the early end once; a second end changes nothing. */
  async end(id: string, merchantId: string, now: Date): Promise<boolean> {
    const ended = await this.db.query(
      'UPDATE flash_sales SET ended_at = $3 WHERE id = $1 AND merchant_id = $2 AND ended_at IS NULL RETURNING id',
      [id, merchantId, now],
    );
    return ended.length > 0;
  }

  /** The sale's gate generation, its row share-locked until the transaction ends (rebuilds wait). */
  async lockShared(id: string): Promise<{ redisEpoch: number } | null> {
    const [row] = await this.db.query<{ redis_epoch: number }>(
      'SELECT redis_epoch FROM flash_sales WHERE id = $1 FOR SHARE',
      [id],
    );
    return row ? { redisEpoch: row.redis_epoch } : null;
  }

  /**
   * Locks the sale row against every writer of reservations and every edit, and bumps its gate generation; returns
   * the new one with the stock and window as they are now (an edit may have changed them since the caller read the
   * sale).
   */
  async lockAndBumpEpoch(
    id: string,
  ): Promise<{ redisEpoch: number; totalStock: number; window: CampaignWindow } | null> {
    const [row] = await this.db.query<{
      redis_epoch: number;
      total_stock: number;
      starts_at: Date;
      ends_at: Date;
      ended_at: Date | null;
    }>(
      `UPDATE flash_sales SET redis_epoch = redis_epoch + 1 WHERE id = $1
       RETURNING redis_epoch, total_stock, starts_at, ends_at, ended_at`,
      [id],
    );
    if (!row) return null;
    return {
      redisEpoch: row.redis_epoch,
      totalStock: row.total_stock,
      window: { startsAt: row.starts_at, endsAt: row.ends_at, endedAt: row.ended_at },
    };
  }

  /** Units of live rows per status. */
  async unitsByStatus(saleId: string): Promise<SaleUnits> {
    return (await this.unitsOfEach([saleId])).get(saleId)!;
  }

  /** `unitsByStatus` of each sale, in one query (a list page). */
  async unitsOfEach(saleIds: string[]): Promise<Map<string, SaleUnits>> {
    const rows = await this.db.query<{ sale_id: string; status: ReservationRowStatus; units: string }>(
      `SELECT sale_id, status, SUM(quantity) AS units FROM flash_reservations
       WHERE sale_id = ANY($1) AND status = ANY($2) GROUP BY sale_id, status`,
      [saleIds, LIVE_STATUSES],
    );
    const units = new Map(saleIds.map((id) => [id, { confirmed: 0, paid: 0 }]));
    for (const row of rows) {
      const figures = units.get(row.sale_id)!;
      if (row.status === 'confirmed') figures.confirmed = Number(row.units);
      if (row.status === 'paid') figures.paid = Number(row.units);
    }
    return units;
  }

  /** Reservations the gate accepted that could not be written with their orders, and were released. */
  async countFailed(saleId: string): Promise<number> {
    return (await this.countFailedOfEach([saleId])).get(saleId)!;
  }

  /** `countFailed` of each sale, in one query. */
  async countFailedOfEach(saleIds: string[]): Promise<Map<string, number>> {
    const rows = await this.db.query<{ sale_id: string; n: string }>(
      `SELECT sale_id, COUNT(*) AS n FROM flash_reservations
       WHERE sale_id = ANY($1) AND failure IS NOT NULL GROUP BY sale_id`,
      [saleIds],
    );
    const counts = new Map(saleIds.map((id) => [id, 0]));
    for (const row of rows) counts.set(row.sale_id, Number(row.n));
    return counts;
  }

  /** Units each shopper holds through live rows. */
  async liveHoldings(saleId: string): Promise<Array<{ shopperId: string; units: number }>> {
    const rows = await this.db.query<{ shopper_id: string; units: string }>(
      `SELECT shopper_id, SUM(quantity) AS units FROM flash_reservations
       WHERE sale_id = $1 AND status = ANY($2) GROUP BY shopper_id`,
      [saleId, LIVE_STATUSES],
    );
    return rows.map((row) => ({ shopperId: row.shopper_id, units: Number(row.units) }));
  }

  /** Idempotency keys of live rows, so a rebuilt gate still answers their repeats. */
  async liveIdempotencyKeys(
    saleId: string,
  ): Promise<Array<{ shopperId: string; key: string; rowId: string; quantity: number }>> {
    const rows = await this.db.query<{ shopper_id: string; idempotency_key: string; id: string; quantity: number }>(
      `SELECT shopper_id, idempotency_key, id, quantity FROM flash_reservations
       WHERE sale_id = $1 AND status = ANY($2) AND idempotency_key IS NOT NULL`,
      [saleId, LIVE_STATUSES],
    );
    return rows.map((row) => ({
      shopperId: row.shopper_id,
      key: row.idempotency_key,
      rowId: row.id,
      quantity: row.quantity,
    }));
  }

  /** Sales whose reservations may still need persisting: open now, about to open, or just closed. */
  async openAround(now: Date, aheadMs: number, behindMs: number): Promise<FlashSale[]> {
    return this.db
      .repo(FlashSale)
      .createQueryBuilder('s')
      .where('s.starts_at <= :ahead AND s.ends_at > :behind', {
        ahead: new Date(now.getTime() + aheadMs),
        behind: new Date(now.getTime() - behindMs),
      })
      .getMany();
  }

  findReservation(rowId: string): Promise<FlashReservation | null> {
    return this.db.repo(FlashReservation).findOneBy({ id: rowId });
  }

  async findReservationByKey(saleId: string, shopperId: string, key: string): Promise<FlashReservation | null> {
    return this.db.repo(FlashReservation).findOneBy({ saleId, shopperId, idempotencyKey: key });
  }

  /**
   * The reservation of an order (whose id is the order's: domain/reservation-id.ts) moves to `released`; the row
   * when it moved, null otherwise.
   */
  async releaseByOrder(orderId: string, now: Date): Promise<ReleasedRow | null> {
    const [row] = await RESERVATION_LIFECYCLE.move<{
      id: string;
      sale_id: string;
      shopper_id: string;
      quantity: number;
    }>(this.db, {
      to: 'released',
      where: { id: orderId, order_id: orderId },
      set: { released_at: now },
      returning: 'id, sale_id, shopper_id, quantity',
    });
    return row ? { id: row.id, saleId: row.sale_id, shopperId: row.shopper_id, quantity: row.quantity } : null;
  }

  /** The reservation of an order moves to `paid`, noting when and what its order paid (for timelines). */
  async markPaidByOrder(orderId: string, paidAt: Date, paidFen: number): Promise<boolean> {
    const moved = await RESERVATION_LIFECYCLE.move(this.db, {
      to: 'paid',
      where: { id: orderId, order_id: orderId },
      set: { paid_at: paidAt, paid_fen: paidFen },
    });
    return moved.length > 0;
  }

  /** Orders placed per bucket of their placing (a reservation written with an order: confirmed at the time). */
  purchaseTimeline(saleId: string, bucket: TimelineBucket): Promise<Array<{ at: Date; purchases: string }>> {
    return this.db.query(
      `SELECT ${bucketSql(bucket, 'created_at')} AS at, count(*) AS purchases
       FROM flash_reservations WHERE sale_id = $1 AND order_id IS NOT NULL GROUP BY 1`,
      [saleId],
    );
  }

  /** Orders paid per bucket of their payment, with what they paid, as their reservations noted it. */
  paymentTimeline(
    saleId: string,
    bucket: TimelineBucket,
  ): Promise<Array<{ at: Date; paid: string; revenueFen: string }>> {
    return this.db.query(
      `SELECT ${bucketSql(bucket, 'paid_at')} AS at, count(*) AS paid, sum(paid_fen) AS "revenueFen"
       FROM flash_reservations WHERE sale_id = $1 AND paid_at IS NOT NULL GROUP BY 1`,
      [saleId],
    );
  }
}
