import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { statesLeadingTo, statusAfterRefund } from './domain/order-status';
import { Order } from './order.entity';

/** What subscribers of order events receive. */
export interface OrderEvent extends Record<string, unknown> {
  orderId: string;
  kind: string;
  shopperId: string;
  merchantId: string;
  totalFen: number;
  couponId: string | null;
}

export const ORDER_PAID = 'order.paid';
export const ORDER_CANCELLED = 'order.cancelled';
export const ORDER_REFUNDED = 'order.refunded';

const eventOf = (order: Order): OrderEvent => ({
  orderId: order.id,
  kind: order.kind,
  shopperId: order.shopperId,
  merchantId: order.merchantId,
  totalFen: order.totalFen,
  couponId: order.couponId,
});

/**
 * Each move of the order state machine as one conditional UPDATE naming the states it leaves, with its
 * outbox event in the same transaction. A move that finds the order elsewhere changes nothing and says so.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
  ) {}

  /** The order, locked for the rest of the current transaction. */
  lock(where: { id: string } | { outTradeNo: string }): Promise<Order | null> {
    return this.db.repo(Order).createQueryBuilder('o').setLock('pessimistic_write').where(where).getOne();
  }

  async markPaid(order: Order, transactionId: string | null, paidAt: Date): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE orders SET status = 'paid', paid_at = $2, transaction_id = $3, updated_at = $4
       WHERE id = $1 AND status = ANY($5) RETURNING id`,
      [order.id, paidAt, transactionId, this.clock.now(), statesLeadingTo('paid')],
    );
    if (moved.length === 0) return false;
    await this.outbox.publish(ORDER_PAID, { ...eventOf(order), paidAt: paidAt.toISOString() });
    return true;
  }

  async markCancelled(order: Order, reason: string): Promise<boolean> {
    const now = this.clock.now();
    const moved = await this.db.query(
      `UPDATE orders SET status = 'cancelled', cancelled_at = $2, cancel_reason = $3, updated_at = $2
       WHERE id = $1 AND status = ANY($4) RETURNING id`,
      [order.id, now, reason, statesLeadingTo('cancelled')],
    );
    if (moved.length === 0) return false;
    await this.outbox.publish(ORDER_CANCELLED, { ...eventOf(order), reason });
    return true;
  }

  /**
   * Counts a settled refund. A paid order moves to partially_refunded or refunded; a cancelled one (money that
   * arrived too late and went back) only records the amount.
   */
  async addRefund(order: Order, refundId: string, amountFen: number): Promise<void> {
    const refundedFen = order.refundedFen + amountFen;
    const now = this.clock.now();
    if (order.status === 'cancelled') {
      await this.db.query(`UPDATE orders SET refunded_fen = $2, updated_at = $3 WHERE id = $1`, [
        order.id,
        refundedFen,
        now,
      ]);
    } else {
      const status = statusAfterRefund(order.totalFen, refundedFen);
      await this.db.query(
        `UPDATE orders SET refunded_fen = $2, status = $3, updated_at = $4 WHERE id = $1 AND status = ANY($5)`,
        [order.id, refundedFen, status, now, statesLeadingTo(status)],
      );
    }
    await this.outbox.publish(ORDER_REFUNDED, { ...eventOf(order), refundId, amountFen, refundedFen });
  }
}
