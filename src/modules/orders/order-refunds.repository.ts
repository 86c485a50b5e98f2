import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { claimDue } from '../../platform/jobs/claim-due';
import { REFUNDS_HOLDING_MONEY, REFUND_LIFECYCLE } from './domain/refund-lifecycle';
import { OrderRefund, RefundCause } from './order-refund.entity';

export type NewRefund = Pick<
  OrderRefund,
  | 'id'
  | 'orderId'
  | 'merchantId'
  | 'outRefundNo'
  | 'businessKey'
  | 'cause'
  | 'amountFen'
  | 'giftCardFen'
  | 'reason'
  | 'reconcileAfter'
  | 'createdAt'
>;

/** Queries on order_refunds; the only code that names its table. */
@Injectable()
export class OrderRefundsRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the refund in its initial state unless its id or business key exists; whether it did. */
  async insertOnce(refund: NewRefund): Promise<boolean> {
    const inserted = await this.db.query(
      `INSERT INTO order_refunds (id, order_id, merchant_id, out_refund_no, business_key, cause, amount_fen, reason,
                                  status, reconcile_after, created_at, gift_card_fen)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING id`,
      [
        refund.id,
        refund.orderId,
        refund.merchantId,
        refund.outRefundNo,
        refund.businessKey,
        refund.cause,
        refund.amountFen,
        refund.reason,
        REFUND_LIFECYCLE.initial[0],
        refund.reconcileAfter,
        refund.createdAt,
        refund.giftCardFen,
      ],
    );
    return inserted.length > 0;
  }

  byId(id: string): Promise<OrderRefund | null> {
    return this.db.repo(OrderRefund).findOneBy({ id });
  }

  /** The merchant's refund; null for another merchant's. */
  byIdForMerchant(id: string, merchantId: string): Promise<OrderRefund | null> {
    return this.db.repo(OrderRefund).findOneBy({ id, merchantId });
  }

  /** The refunds of an order, oldest first. */
  forOrder(orderId: string): Promise<OrderRefund[]> {
    return this.db.repo(OrderRefund).find({ where: { orderId }, order: { createdAt: 'ASC', id: 'ASC' } });
  }

  /** The refund, locked for the rest of the current transaction. */
  lockByOutRefundNo(outRefundNo: string): Promise<OrderRefund | null> {
    return this.db
      .repo(OrderRefund)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where({ outRefundNo })
      .getOne();
  }

  /**
   * What the order's refunds take from what it may still refund: all of those that succeeded or are in flight, and
   * the gift-card part of failed ones (it went back to the cards when asked for, whatever the provider did after);
   * and of that, what went back to the cards.
   */
  async heldFen(orderId: string): Promise<{ heldFen: number; toCardsFen: number }> {
    const [row] = await this.db.query<{ held: string; to_cards: string }>(
      `SELECT coalesce(sum(CASE WHEN status = ANY($2) THEN amount_fen ELSE gift_card_fen END), 0) AS held,
              coalesce(sum(gift_card_fen), 0) AS to_cards
       FROM order_refunds WHERE order_id = $1`,
      [orderId, REFUNDS_HOLDING_MONEY],
    );
    return { heldFen: Number(row.held), toCardsFen: Number(row.to_cards) };
  }

  async recordRefundId(id: string, refundId: string): Promise<void> {
    await this.db.query('UPDATE order_refunds SET refund_id = $2 WHERE id = $1 AND refund_id IS NULL', [id, refundId]);
  }

  /** Settles a processing refund along REFUND_LIFECYCLE; false when it was settled already. */
  async settle(
    id: string,
    to: 'succeeded' | 'failed',
    facts: { refundId?: string | null; failReason?: string; settledAt: Date },
  ): Promise<boolean> {
    const set: Record<string, unknown> = { settled_at: facts.settledAt };
    if (facts.refundId !== undefined) set.refund_id = facts.refundId;
    if (facts.failReason !== undefined) set.fail_reason = facts.failReason;
    return (await REFUND_LIFECYCLE.move(this.db, { to, where: { id }, set })).length > 0;
  }

  /**
   * The first refund of the whole rest (a system refund with a business key) asked for after `refund` while it
   * was in flight: it counted that one as money going back.
   */
  async restRefundAfter(
    refund: OrderRefund,
  ): Promise<{ businessKey: string; cause: RefundCause; reason: string } | null> {
    const [owed] = await this.db.query<{ business_key: string; cause: RefundCause; reason: string }>(
      `SELECT business_key, cause, reason FROM order_refunds
       WHERE order_id = $1 AND id <> $2 AND business_key IS NOT NULL AND cause <> 'merchant' AND created_at >= $3
       ORDER BY created_at LIMIT 1`,
      [refund.orderId, refund.id, refund.createdAt],
    );
    return owed ? { businessKey: owed.business_key, cause: owed.cause, reason: owed.reason } : null;
  }

  /** Refunds still processing whose reconcile time has come, leased until `nextAt`. */
  async claimProcessing(now: Date, nextAt: Date, limit: number): Promise<OrderRefund[]> {
    const rows = await claimDue<{ id: string }>(this.db, {
      table: 'order_refunds',
      dueColumn: 'reconcile_after',
      where: `status = 'processing'`,
      now,
      nextAt,
      limit,
      returning: 'id',
    });
    if (rows.length === 0) return [];
    return this.db
      .repo(OrderRefund)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getMany();
  }
}
