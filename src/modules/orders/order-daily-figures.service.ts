import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { validationFailed } from '../../platform/errors/domain-error';
import { ORDER_KINDS, OrderKind } from './domain/order-status';
import { PaidOrderFigures } from './order-figures.service';

export interface DayFigures extends PaidOrderFigures {
  /** The calendar day in the asked timezone, `YYYY-MM-DD`. */
  date: string;
  refundedFen: number;
  byKind: Record<OrderKind, PaidOrderFigures>;
}

/** PostgreSQL's "invalid_parameter_value": here, a time zone its tz database does not know. */
const INVALID_PARAMETER_VALUE = '22023';

const zeros = (): PaidOrderFigures => ({ ordersPaid: 0, revenueFen: 0, discountFen: 0 });

/**
 * The dashboard's figures per calendar day of a timezone over `[from, to)`: orders paid and refunds succeeded
 * each day, every day of the range present (zeros included). Grouped by Postgres over the same indexes as
 * OrderFiguresService (idx_orders_merchant_paid, idx_order_refunds_merchant_succeeded): one range each.
 */
@Injectable()
export class OrderDailyFiguresService {
  constructor(private readonly db: Db) {}

  async daily(merchantId: string, from: Date, to: Date, timeZone: string): Promise<DayFigures[]> {
    try {
      return await this.query(merchantId, from, to, timeZone);
    } catch (error) {
      if ((error as { code?: unknown }).code === INVALID_PARAMETER_VALUE) {
        throw validationFailed([{ field: 'timezone', problems: ['timezone must be an IANA time zone'] }]);
      }
      throw error;
    }
  }

  private async query(merchantId: string, from: Date, to: Date, timeZone: string): Promise<DayFigures[]> {
    const days = await this.db.query<{ day: string }>(
      `SELECT to_char(d, 'YYYY-MM-DD') AS day
         FROM generate_series(($1::timestamptz AT TIME ZONE $3)::date,
                              (($2::timestamptz - interval '1 microsecond') AT TIME ZONE $3)::date,
                              interval '1 day') AS d`,
      [from, to, timeZone],
    );
    const paid = await this.db.query<{
      day: string;
      kind: OrderKind;
      orders: number;
      revenue: string;
      discount: string;
    }>(
      `SELECT to_char(paid_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day, kind, count(*)::int AS orders,
              sum(total_fen)::text AS revenue, sum(discount_fen)::text AS discount
         FROM orders WHERE merchant_id = $1 AND paid_at IS NOT NULL AND paid_at >= $2 AND paid_at < $3
        GROUP BY 1, 2`,
      [merchantId, from, to, timeZone],
    );
    const refunded = await this.db.query<{ day: string; refunded: string }>(
      `SELECT to_char(settled_at AT TIME ZONE $4, 'YYYY-MM-DD') AS day, sum(amount_fen)::text AS refunded
         FROM order_refunds WHERE merchant_id = $1 AND status = 'succeeded' AND settled_at >= $2 AND settled_at < $3
        GROUP BY 1`,
      [merchantId, from, to, timeZone],
    );
    const byDay = new Map<string, DayFigures>(
      days.map(({ day }) => [
        day,
        {
          date: day,
          ...zeros(),
          refundedFen: 0,
          byKind: Object.fromEntries(ORDER_KINDS.map((kind) => [kind, zeros()])),
        },
      ]) as [string, DayFigures][],
    );
    for (const row of paid) {
      const day = byDay.get(row.day)!;
      const figures = { ordersPaid: row.orders, revenueFen: Number(row.revenue), discountFen: Number(row.discount) };
      day.byKind[row.kind] = figures;
      day.ordersPaid += figures.ordersPaid;
      day.revenueFen += figures.revenueFen;
      day.discountFen += figures.discountFen;
    }
    for (const row of refunded) byDay.get(row.day)!.refundedFen = Number(row.refunded);
    return [...byDay.values()];
  }
}
