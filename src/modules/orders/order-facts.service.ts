import { Injectable } from '@nestjs/common';
import { OrdersRepository } from './orders.repository';

/** What another module may know of an order (rebates: what was bought, paid and refunded, and what is in flight). */
export interface OrderFacts {
  id: string;
  shopperId: string;
  openid: string;
  merchantId: string;
  status: string;
  paidAt: Date | null;
  lines: Array<{ productId: string; quantity: number; unitPriceFen: number }>;
  /** List price of all lines. */
  subtotalFen: number;
  /** What was paid through the provider. */
  totalFen: number;
  /** What gift cards paid (taken when the order was paid). */
  giftCardFen: number;
  /** What has been refunded of it so far. */
  refundedFen: number;
  /** Refunds requested and not yet settled either way. */
  refundsInFlight: number;
}

/**
 * Exported read of orders for other modules, so none of them reads the orders' tables. Reads inside the
 * caller's transaction when there is one (a consequence of the order's own move sees that move).
 */
@Injectable()
export class OrderFactsService {
  constructor(private readonly orders: OrdersRepository) {}

  facts(orderId: string): Promise<OrderFacts | null> {
    return this.orders.facts(orderId);
  }
}
