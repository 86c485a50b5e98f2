import { Injectable, OnModuleInit } from '@nestjs/common';
import { TransactionEvents } from '../../platform/events/transaction-events';
import { OrderFactsService } from '../orders/order-facts.service';
import { ORDER_CANCELLED, ORDER_PAID, ORDER_REFUNDED, OrderEvent } from '../orders/order-transitions';
import type { WebhookEventType } from './domain/event-types';
import { WebhookEvents } from './webhook-events.service';

/** The order moves' own facts that receivers get beside the order (a cancel's reason, a refund's amount). */
const EXTRA_FACTS: Record<string, readonly string[]> = {
  [ORDER_PAID]: [],
  [ORDER_CANCELLED]: ['reason'],
  [ORDER_REFUNDED]: ['refundId', 'amountFen', 'refundedFen'],
};

/**
 * order.paid, order.cancelled and order.refunded as webhook events, recorded in the order's own transaction with
 * the order as that move left it: totals, items, shopper id (never the openid).
 */
@Injectable()
export class OrderWebhooks implements OnModuleInit {
  constructor(
    private readonly events: TransactionEvents,
    private readonly orders: OrderFactsService,
    private readonly webhooks: WebhookEvents,
  ) {}

  onModuleInit(): void {
    for (const topic of [ORDER_PAID, ORDER_CANCELLED, ORDER_REFUNDED]) {
      this.events.on<OrderEvent>(topic, 'webhooks.order', (event) => this.report(topic as WebhookEventType, event));
    }
  }

  private async report(type: WebhookEventType, event: OrderEvent): Promise<void> {
    // Most merchants have no endpoint: one indexed lookup instead of reading the order and its lines.
    if (!(await this.webhooks.listens(event.merchantId, type))) return;
    const order = await this.orders.facts(event.orderId);
    if (!order) return;
    const extra = Object.fromEntries(EXTRA_FACTS[type].map((name) => [name, event[name]]));
    await this.webhooks.record(order.merchantId, type, {
      orderId: order.id,
      kind: event.kind,
      status: order.status,
      shopperId: order.shopperId,
      couponId: event.couponId,
      subtotalFen: order.subtotalFen,
      discountFen: order.subtotalFen - order.giftCardFen - order.totalFen,
      giftCardFen: order.giftCardFen,
      totalFen: order.totalFen,
      refundedFen: order.refundedFen,
      paidAt: order.paidAt?.toISOString() ?? null,
      items: order.lines.map((line) => ({
        productId: line.productId,
        quantity: line.quantity,
        unitPriceFen: line.unitPriceFen,
      })),
      ...extra,
    });
  }
}
