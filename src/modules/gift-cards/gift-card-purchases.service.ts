import { Injectable, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { validationFailed } from '../../platform/errors/domain-error';
import { TransactionEvents } from '../../platform/events/transaction-events';
import { OrderDto } from '../orders/dto/order.dto';
import { OrderFactsService } from '../orders/order-facts.service';
import { ORDER_PAID, OrderEvent } from '../orders/order-transitions';
import { OrdersService, STANDARD_PAYMENT_WINDOW_MS } from '../orders/orders.service';
import { WebhookEvents } from '../webhooks/webhook-events.service';
import { orderCardKey } from './domain/order-cards';
import { validUntil } from './domain/product-terms';
import { PurchaseGiftCardsDto } from './dto/gift-card.dto';
import { GiftCardBook } from './gift-card-book';
import { GiftCardProductsRepository } from './gift-card-products.repository';
import { GiftCardProductsService } from './gift-card-products.service';

type PaidEvent = OrderEvent & { paidAt?: string };

/**
 * Buying cards: a `gift_card` order paid through the provider like any other (no coupon, no rebate); the cards are
 * issued to the buyer by its `order.paid`, in the order's own transaction, once per order line and unit (their
 * issue keys), however many times the notification arrives.
 */
@Injectable()
export class GiftCardPurchasesService implements OnModuleInit {
  constructor(
    private readonly clock: Clock,
    private readonly events: TransactionEvents,
    private readonly orders: OrdersService,
    private readonly facts: OrderFactsService,
    private readonly products: GiftCardProductsService,
    private readonly productRows: GiftCardProductsRepository,
    private readonly book: GiftCardBook,
    private readonly webhooks: WebhookEvents,
  ) {}

  onModuleInit(): void {
    this.events.on<PaidEvent>(ORDER_PAID, 'gift-cards.issue', (event) => this.issue(event));
  }

  async purchase(shopper: { userId: string; openid: string }, input: PurchaseGiftCardsDto): Promise<OrderDto> {
    const product = await this.products.onSale(input.productId);
    if (input.quantity > product.perOrderLimit) {
      throw validationFailed([{ field: 'quantity', problems: [`at most ${product.perOrderLimit} cards an order`] }]);
    }
    return this.orders.placeOrder({
      kind: 'gift_card',
      shopper,
      merchantId: product.merchantId,
      lines: [{ productId: product.id, quantity: input.quantity, unitPriceFen: product.priceFen }],
      expiresAt: (placedAt) => new Date(placedAt.getTime() + STANDARD_PAYMENT_WINDOW_MS),
      description: product.name,
    });
  }

  private async issue(event: PaidEvent): Promise<void> {
    if (event.kind !== 'gift_card') return;
    const order = await this.facts.facts(event.orderId);
    if (!order) return;
    const now = this.clock.now();
    const paidAt = event.paidAt ? new Date(event.paidAt) : now;
    const issued = [];
    for (const [line, item] of order.lines.entries()) {
      const product = await this.productRows.byId(item.productId);
      if (!product) throw new Error(`gift card order ${order.id} names no product ${item.productId}`);
      for (let unit = 0; unit < item.quantity; unit++) {
        const card = await this.book.issue(
          {
            id: randomUUID(),
            productId: product.id,
            merchantId: product.merchantId,
            ownerId: order.shopperId,
            faceValueFen: product.faceValueFen,
            validUntil: validUntil(paidAt, product.validityDays),
            issueKey: orderCardKey(order.id, line, unit),
          },
          { orderId: order.id, at: now },
        );
        if (card) issued.push(card);
      }
    }
    if (issued.length === 0) return;
    await this.webhooks.record(order.merchantId, 'gift_card.purchased', {
      orderId: order.id,
      shopperId: order.shopperId,
      totalFen: order.totalFen,
      cards: issued.map((card) => ({
        cardId: card.id,
        productId: card.productId,
        faceValueFen: card.faceValueFen,
        validUntil: card.validUntil.toISOString(),
      })),
    });
  }
}
