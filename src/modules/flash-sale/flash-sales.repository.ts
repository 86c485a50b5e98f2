import { Injectable } from '@nestjs/common';
import { campaignListQuery } from '../../platform/campaigns/campaign-list';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { closesAt } from '../../platform/campaigns/campaign-status';
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
  totalStock: sale.totalStock,
  perUserLimit: sale.perUserLimit,
  startsAtMs: sale.startsAt.getTime(),
  // An early end closes the window for the purchase path and the gate alike.
  endsAtMs: closesAt(sale).getTime(),
  paymentWindowSeconds: sale.paymentWindowSeconds,
});

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

  /** Locks the sale row against every writer of reservations and bumps its gate generation; returns the new one. */
  async lockAndBumpEpoch(id: string): Promise<number | null> {
    const [row] = await this.db.query<{ redis_epoch: number }>(
      'UPDATE flash_sales SET redis_epoch = redis_epoch + 1 WHERE id = $1 RETURNING redis_epoch',
      [id],
    );
    return row ? row.redis_epoch : null;
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

  /** The reservation of an order moves to `paid`. */
  async markPaidByOrder(orderId: string): Promise<boolean> {
    const moved = await RESERVATION_LIFECYCLE.move(this.db, { to: 'paid', where: { id: orderId, order_id: orderId } });
    return moved.length > 0;
  }
}
