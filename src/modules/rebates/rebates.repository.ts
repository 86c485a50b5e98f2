import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { PaidOrder } from './domain/rebate-amount';
import { RebateRule } from './entities/rebate-rule.entity';
import { Rebate } from './entities/rebate.entity';

export interface OrderFacts extends PaidOrder {
  id: string;
  shopperId: string;
  openid: string;
  merchantId: string;
  status: string;
  paidAt: Date | null;
  /** Refunds requested and not yet settled either way. */
  refundsInFlight: number;
}

export interface RebateRow extends Rebate {
  transferStatus: string | null;
}

/** Queries on rebate rules and rebates; orders and their refunds are read here, never written. */
@Injectable()
export class RebatesRepository {
  constructor(private readonly db: Db) {}

  async insertRule(rule: RebateRule): Promise<void> {
    await this.db.repo(RebateRule).insert(rule);
  }

  rule(id: string): Promise<RebateRule | null> {
    return this.db.repo(RebateRule).findOneBy({ id });
  }

  /** The merchant's rules whose window holds `at`. */
  rulesAt(merchantId: string, at: Date): Promise<RebateRule[]> {
    return this.db
      .repo(RebateRule)
      .createQueryBuilder('r')
      .where('r.merchant_id = :merchantId AND r.starts_at <= :at AND r.ends_at > :at', { merchantId, at })
      .getMany();
  }

  async order(orderId: string): Promise<OrderFacts | null> {
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

  /** One rebate per order and rule: a repeat (the event delivered twice) inserts nothing. */
  async insertOnce(rebate: Rebate): Promise<void> {
    await this.db.repo(Rebate).createQueryBuilder().insert().values(rebate).orIgnore().execute();
  }

  /** The order's pending rebates, locked for the rest of the transaction. */
  pendingForOrder(orderId: string): Promise<Rebate[]> {
    return this.db
      .repo(Rebate)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .where(`r.order_id = :orderId AND r.status = 'pending'`, { orderId })
      .getMany();
  }

  /** One pending rebate, locked; null when it has left `pending` or another transaction holds it. */
  async lockPending(id: string): Promise<Rebate | null> {
    return this.db
      .repo(Rebate)
      .createQueryBuilder('r')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`r.id = :id AND r.status = 'pending'`, { id })
      .getOne();
  }

  async reprice(id: string, amountFen: number, now: Date): Promise<void> {
    await this.db.query(`UPDATE rebates SET amount_fen = $2, updated_at = $3 WHERE id = $1 AND status = 'pending'`, [
      id,
      amountFen,
      now,
    ]);
  }

  async cancel(id: string, now: Date): Promise<void> {
    await this.db.query(
      `UPDATE rebates SET status = 'cancelled', updated_at = $2 WHERE id = $1 AND status = 'pending'`,
      [id, now],
    );
  }

  async markPaid(id: string, amountFen: number, transferId: string, now: Date): Promise<boolean> {
    const moved = await this.db.query(
      `UPDATE rebates SET status = 'paid', amount_fen = $2, transfer_id = $3, updated_at = $4
       WHERE id = $1 AND status = 'pending' RETURNING id`,
      [id, amountFen, transferId, now],
    );
    return moved.length > 0;
  }

  /** A shopper's rebates, newest first, with their transfer's status. */
  async listForShopper(shopperId: string, after: Cursor | null, limit: number): Promise<RebateRow[]> {
    const rows = await this.db.query<Record<string, unknown>>(
      `SELECT r.id, r.rule_id, r.order_id, r.amount_fen, r.status, r.due_at, r.transfer_id, r.created_at,
              t.status AS transfer_status
       FROM rebates r LEFT JOIN transfers t ON t.id = r.transfer_id
       WHERE r.shopper_id = $1 ${after ? 'AND (r.created_at, r.id) < ($3, $4)' : ''}
       ORDER BY r.created_at DESC, r.id DESC LIMIT $2`,
      after ? [shopperId, limit + 1, after.createdAt, after.id] : [shopperId, limit + 1],
    );
    return rows.map(
      (row) =>
        ({
          id: row.id,
          ruleId: row.rule_id,
          orderId: row.order_id,
          amountFen: Number(row.amount_fen),
          status: row.status,
          dueAt: new Date(row.due_at as string),
          transferId: row.transfer_id,
          createdAt: new Date(row.created_at as string),
          transferStatus: row.transfer_status,
        }) as RebateRow,
    );
  }
}
