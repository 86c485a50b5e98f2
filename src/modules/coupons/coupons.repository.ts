import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { COUPON_LIFECYCLE, CouponStatus } from './domain/coupon-status';
import { Coupon } from './entities/coupon.entity';

/** At most this many wallet coupons are weighed in one quote. */
export const QUOTE_CANDIDATES = 200;

/** Queries on shoppers' coupons. Every status move is a conditional UPDATE naming the states it leaves. */
@Injectable()
export class CouponsRepository {
  constructor(private readonly db: Db) {}

  async insert(coupon: Coupon): Promise<void> {
    await this.db.repo(Coupon).insert(coupon);
  }

  findByBusinessKey(businessKey: string): Promise<Coupon | null> {
    return this.db.repo(Coupon).findOneBy({ businessKey });
  }

  findById(id: string): Promise<Coupon | null> {
    return this.db.repo(Coupon).findOneBy({ id });
  }

  findOwned(id: string, shopperId: string): Promise<Coupon | null> {
    return this.db.repo(Coupon).findOneBy({ id, shopperId });
  }

  /**
   * A page of the wallet, newest first. The status filter reads as the shopper sees it: an available coupon
   * past validUntil is expired (the same rule as `readStatus`).
   */
  walletPage(
    shopperId: string,
    status: CouponStatus | undefined,
    now: Date,
    after: Cursor | null,
    limit: number,
  ): Promise<Coupon[]> {
    const builder = this.db
      .repo(Coupon)
      .createQueryBuilder('c')
      .where('c.shopper_id = :shopperId', { shopperId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit + 1);
    if (status === 'available') builder.andWhere(`c.status = 'available' AND c.valid_until > :now`, { now });
    else if (status === 'expired') {
      builder.andWhere(`(c.status = 'expired' OR (c.status = 'available' AND c.valid_until <= :now))`, { now });
    } else if (status) builder.andWhere('c.status = :status', { status });
    if (after) builder.andWhere('(c.created_at, c.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }

  /** The coupons a quote weighs: not locked or used; those that expired are weighed too, to say so. */
  quoteCandidates(shopperId: string): Promise<Coupon[]> {
    return this.db
      .repo(Coupon)
      .createQueryBuilder('c')
      .where('c.shopper_id = :shopperId', { shopperId })
      .andWhere(`c.status IN ('available', 'expired')`)
      .orderBy('c.valid_until', 'DESC')
      .addOrderBy('c.id', 'ASC')
      .take(QUOTE_CANDIDATES)
      .getMany();
  }

  /**
   * available → locked, to this order, only while it is the shopper's, available and valid now; notes what it
   * takes off and the order's list price (for the template's timeline).
   */
  async lock(
    id: string,
    shopperId: string,
    order: { orderId: string; discountFen: number; subtotalFen: number },
    now: Date,
  ): Promise<boolean> {
    const rows = await COUPON_LIFECYCLE.move(this.db, {
      to: 'locked',
      where: { id, shopper_id: shopperId },
      set: {
        order_id: order.orderId,
        discount_fen: order.discountFen,
        order_subtotal_fen: order.subtotalFen,
        updated_at: now,
      },
      also: { sql: 'valid_from <= ? AND valid_until > ?', params: [now, now] },
    });
    return rows.length === 1;
  }

  /** locked (by this order) → used. Returns the template id when it moved. */
  async markUsed(id: string, orderId: string, now: Date): Promise<string | null> {
    const rows = await COUPON_LIFECYCLE.move<{ template_id: string }>(this.db, {
      to: 'used',
      where: { id, order_id: orderId },
      set: { used_at: now, updated_at: now },
      returning: 'template_id',
    });
    return rows[0]?.template_id ?? null;
  }

  /** locked (by this order) → `to` (available, or expired when its validity has passed). */
  async release(id: string, orderId: string, to: 'available' | 'expired', now: Date): Promise<boolean> {
    const rows = await COUPON_LIFECYCLE.move(this.db, {
      to,
      where: { id, order_id: orderId },
      set: { order_id: null, discount_fen: null, order_subtotal_fen: null, updated_at: now },
    });
    return rows.length === 1;
  }
}
