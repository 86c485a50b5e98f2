import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { ORDER_KINDS, OrderKind } from './domain/order-status';

export interface PaidOrderFigures {
  ordersPaid: number;
  revenueFen: number;
  discountFen: number;
}

export interface OrderFigures extends PaidOrderFigures {
  /** Refunds that succeeded in the range, whenever their order was paid: what went back through the provider. */
  refundedFen: number;
  byKind: Record<OrderKind, PaidOrderFigures>;
}

/**
 * A merchant's order figures over `[from, to)`, for the dashboard: orders paid in the range (whatever they became
 * since) and refunds that succeeded in it. Summed by Postgres over idx_orders_merchant_paid and
 * idx_order_refunds_merchant_succeeded, so a year costs one index range, never rows in memory.
 */
@Injectable()
export class OrderFiguresService {
  constructor(private readonly db: Db) {}

  async figures(merchantId: string, from: Date, to: Date): Promise<OrderFigures> {
    const paid = await this.db.query<{ kind: OrderKind; orders: number; revenue: string; discount: string }>(
      `SELECT kind, count(*)::int AS orders, sum(total_fen)::text AS revenue, sum(discount_fen)::text AS discount
         FROM orders WHERE merchant_id = $1 AND paid_at IS NOT NULL AND paid_at >= $2 AND paid_at < $3
        GROUP BY kind`,
      [merchantId, from, to],
    );
    const [refunded] = await this.db.query<{ refunded: string }>(
      // Revenue is what came through the provider, so refunds count what went back through it (not to gift cards).
      `SELECT coalesce(sum(amount_fen - gift_card_fen), 0)::text AS refunded FROM order_refunds
        WHERE merchant_id = $1 AND status = 'succeeded' AND settled_at >= $2 AND settled_at < $3`,
      [merchantId, from, to],
    );
    const byKind = Object.fromEntries(
      ORDER_KINDS.map((kind) => [kind, { ordersPaid: 0, revenueFen: 0, discountFen: 0 }]),
    ) as Record<OrderKind, PaidOrderFigures>;
    for (const row of paid) {
      byKind[row.kind] = { ordersPaid: row.orders, revenueFen: Number(row.revenue), discountFen: Number(row.discount) };
    }
    const all = Object.values(byKind);
    const total = (key: keyof PaidOrderFigures) => all.reduce((sum, figures) => sum + figures[key], 0);
    return {
      ordersPaid: total('ordersPaid'),
      revenueFen: total('revenueFen'),
      discountFen: total('discountFen'),
      refundedFen: Number(refunded?.refunded ?? 0),
      byKind,
    };
  }
}
