import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';

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
  /** What was paid. */
  totalFen: number;
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
  constructor(private readonly db: Db) {}

  async facts(orderId: string): Promise<OrderFacts | null> {
    const [order] = await this.db.query<{
      id: string;
      shopper_id: string;
      shopper_openid: string;
      merchant_id: string;
      status: string;
      subtotal_fen: string;
      total_fen: string;
      refunded_fen: string;
      paid_at: Date | null;
      in_flight: number;
    }>(
      `SELECT o.id, o.shopper_id, o.shopper_openid, o.merchant_id, o.status, o.subtotal_fen, o.total_fen,
              o.refunded_fen, o.paid_at,
              (SELECT count(*)::int FROM order_refunds r WHERE r.order_id = o.id AND r.status = 'processing') AS in_flight
       FROM orders o WHERE o.id = $1`,
      [orderId],
    );
    if (!order) return null;
    const lines = await this.db.query<{ product_id: string; quantity: number; unit_price_fen: string }>(
      'SELECT product_id, quantity, unit_price_fen FROM order_items WHERE order_id = $1 ORDER BY line',
      [orderId],
    );
    return {
      id: order.id,
      shopperId: order.shopper_id,
      openid: order.shopper_openid,
      merchantId: order.merchant_id,
      status: order.status,
      paidAt: order.paid_at,
      subtotalFen: Number(order.subtotal_fen),
      totalFen: Number(order.total_fen),
      refundedFen: Number(order.refunded_fen),
      refundsInFlight: order.in_flight,
      lines: lines.map((line) => ({
        productId: line.product_id,
        quantity: line.quantity,
        unitPriceFen: Number(line.unit_price_fen),
      })),
    };
  }
}
