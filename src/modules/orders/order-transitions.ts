import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { TransactionEvents } from '../../platform/events/transaction-events';
import { OutboxService } from '../../platform/outbox/outbox.service';
import { statusAfterRefund } from './domain/order-status';
import { Order } from './order.entity';
import { OrdersRepository } from './orders.repository';

/** What subscribers of order events receive. */
export interface OrderEvent extends Record<string, unknown> {
  orderId: string;
  kind: string;
  shopperId: string;
  merchantId: string;
  totalFen: number;
  /** What its gift cards pay (held, then taken on payment); totalFen is the rest, through the provider. */
  giftCardFen: number;
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
  giftCardFen: order.giftCardFen,
  couponId: order.couponId,
});

/**
 * Each move of the order state machine as one conditional UPDATE naming the states it leaves. Its consequences in
 * this database (a coupon used or given back, a seat paid or freed, a reservation released, a rebate earned) run
 * in the same transaction through TransactionEvents; what leaves the database subscribes through the outbox,
 * written in the same transaction. A move that finds the order elsewhere changes nothing and says so.
 */
@Injectable()
export class OrderTransitions {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly clock: Clock,
    private readonly events: TransactionEvents,
    private readonly outbox: OutboxService,
  ) {}

  /** The order, locked for the rest of the current transaction. */
  lock(where: { id: string } | { outTradeNo: string }): Promise<Order | null> {
    return this.orders.lock(where);
  }

  async markPaid(order: Order, transactionId: string | null, paidAt: Date): Promise<boolean> {
    const moved = await this.orders.move(order.id, 'paid', {
      paid_at: paidAt,
      transaction_id: transactionId,
      updated_at: this.clock.now(),
    });
    if (!moved) return false;
    await this.announce(ORDER_PAID, { ...eventOf(order), paidAt: paidAt.toISOString() });
    return true;
  }

  async markCancelled(order: Order, reason: string): Promise<boolean> {
    const now = this.clock.now();
    const moved = await this.orders.move(order.id, 'cancelled', {
      cancelled_at: now,
      cancel_reason: reason,
      updated_at: now,
    });
    if (!moved) return false;
    await this.announce(ORDER_CANCELLED, { ...eventOf(order), reason });
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
      await this.orders.recordRefundWhileCancelled(order.id, refundedFen, now);
    } else {
      const moved = await this.orders.move(
        order.id,
        statusAfterRefund(order.totalFen + order.giftCardFen, refundedFen),
        {
          refunded_fen: refundedFen,
          updated_at: now,
        },
      );
      // An order found in no state a refund leads from (never paid) counts nothing, so there is nothing to announce.
      if (!moved) return;
    }
    await this.announce(ORDER_REFUNDED, { ...eventOf(order), refundId, amountFen, refundedFen });
  }

  /** The move's consequences here, now, and its record for subscribers outside the database. */
  private async announce(topic: string, event: OrderEvent): Promise<void> {
    await this.events.emit(topic, event);
    await this.outbox.publish(topic, event);
  }
}
