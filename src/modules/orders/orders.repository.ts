import { Injectable } from '@nestjs/common';
import type { CopyValue } from '../../platform/database/copy-text';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { claimDue } from '../../platform/jobs/claim-due';
import type { PayParams } from '../../payments/payment-gateway';
import { ORDER_LIFECYCLE, OrderKind, OrderStatus } from './domain/order-status';
import { OrderItem } from './order-item.entity';
import type { OrderFacts } from './order-facts.service';
import { Order } from './order.entity';

/** The columns a deferred order sets; the others (paid_at, prepay_id, pay_params, ...) start as NULL. */
export const DEFERRED_ORDER_COLUMNS = [
  'id',
  'shopper_id',
  'shopper_openid',
  'merchant_id',
  'kind',
  'status',
  'subtotal_fen',
  'discount_fen',
  'total_fen',
  'expires_at',
  'refunded_fen',
  'out_trade_no',
  'reconcile_after',
  'created_at',
  'updated_at',
] as const;
export const ORDER_ITEM_COLUMNS = ['order_id', 'line', 'product_id', 'quantity', 'unit_price_fen'] as const;

export type DeferredOrderRecord = Record<(typeof DEFERRED_ORDER_COLUMNS)[number], CopyValue>;
export type OrderItemRecord = Record<(typeof ORDER_ITEM_COLUMNS)[number], CopyValue>;

/** What a merchant's order list may be narrowed to; `from` inclusive, `to` exclusive, on created_at. */
export interface MerchantOrderFilter {
  status?: OrderStatus;
  kind?: OrderKind;
  from?: Date;
  to?: Date;
}

/** One order and its item lines, read back as one row (the CSV export). */
export interface ExportedOrder extends Pick<
  Order,
  | 'id'
  | 'createdAt'
  | 'kind'
  | 'status'
  | 'shopperId'
  | 'subtotalFen'
  | 'discountFen'
  | 'totalFen'
  | 'refundedFen'
  | 'paidAt'
  | 'couponId'
> {
  items: Array<{ productId: string; quantity: number; unitPriceFen: number }>;
}

/** Queries on orders and order_items; the only code that names their tables. */
@Injectable()
export class OrdersRepository {
  constructor(private readonly db: Db) {}

  async insert(order: Order, items: readonly OrderItem[]): Promise<void> {
    // A copy: TypeORM writes the columns' defaults back into what it inserts, untransformed (bigint as text).
    await this.db.repo(Order).insert({ ...order });
    await this.db.repo(OrderItem).insert([...items]);
  }

  /** One statement, skipping orders that exist; the items of those it inserted. Returns the ids inserted. */
  async insertSkippingExisting(
    orders: readonly DeferredOrderRecord[],
    itemsOf: (insertedIds: Set<string>) => OrderItemRecord[],
  ): Promise<Set<string>> {
    return this.db.transaction(async () => {
      const ids = await this.db.insertSkippingExisting('orders', DEFERRED_ORDER_COLUMNS, orders);
      await this.db.copyInto('order_items', ORDER_ITEM_COLUMNS, itemsOf(ids));
      return ids;
    });
  }

  /** COPY of orders that do not exist yet, and their items; one that exists fails the caller's transaction. */
  async copyNew(orders: readonly DeferredOrderRecord[], items: readonly OrderItemRecord[]): Promise<void> {
    await this.db.copyInto('orders', DEFERRED_ORDER_COLUMNS, orders);
    await this.db.copyInto('order_items', ORDER_ITEM_COLUMNS, items);
  }

  byId(id: string): Promise<Order | null> {
    return this.db.repo(Order).findOneBy({ id });
  }

  /** The order of this shopper (or of this merchant); null for anyone else's. */
  byIdFor(id: string, owner: { shopperId: string } | { merchantId: string }): Promise<Order | null> {
    return this.db.repo(Order).findOneBy({ id, ...owner });
  }

  pendingById(id: string): Promise<Order | null> {
    return this.db.repo(Order).findOneBy({ id, status: 'pending_payment' });
  }

  /** The order, locked for the rest of the current transaction. */
  lock(where: { id: string } | { outTradeNo: string }): Promise<Order | null> {
    return this.db.repo(Order).createQueryBuilder('o').setLock('pessimistic_write').where(where).getOne();
  }

  items(orderId: string): Promise<OrderItem[]> {
    return this.db.repo(OrderItem).findBy({ orderId });
  }

  /** The items of these orders, by order id. */
  async itemsOf(orderIds: readonly string[]): Promise<Map<string, OrderItem[]>> {
    const byOrder = new Map<string, OrderItem[]>(orderIds.map((id) => [id, []]));
    if (orderIds.length === 0) return byOrder;
    const items = await this.db
      .repo(OrderItem)
      .createQueryBuilder('i')
      .where('i.order_id IN (:...ids)', { ids: orderIds })
      .getMany();
    for (const item of items) byOrder.get(item.orderId)?.push(item);
    return byOrder;
  }

  listForShopper(shopperId: string, after: Cursor | null, limit: number): Promise<Order[]> {
    const builder = this.db
      .repo(Order)
      .createQueryBuilder('o')
      .where('o.shopper_id = :shopperId', { shopperId })
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .take(limit);
    if (after) builder.andWhere('(o.created_at, o.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }

  /** The merchant's orders, newest first, after the cursor (idx_orders_merchant_list, _status_list, _kind_list). */
  listForMerchant(
    merchantId: string,
    filter: MerchantOrderFilter,
    after: Cursor | null,
    limit: number,
  ): Promise<Order[]> {
    const builder = this.db
      .repo(Order)
      .createQueryBuilder('o')
      .where('o.merchant_id = :merchantId', { merchantId })
      .orderBy('o.created_at', 'DESC')
      .addOrderBy('o.id', 'DESC')
      .limit(limit);
    if (filter.status) builder.andWhere('o.status = :status', { status: filter.status });
    if (filter.kind) builder.andWhere('o.kind = :kind', { kind: filter.kind });
    if (filter.from) builder.andWhere('o.created_at >= :from', { from: filter.from });
    if (filter.to) builder.andWhere('o.created_at < :to', { to: filter.to });
    if (after) builder.andWhere('(o.created_at, o.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }

  /**
   * A batch of the merchant's orders with their items, oldest first, after `after`: the export reads a year in
   * such batches (keyset over idx_orders_merchant_list), never the whole set at once. One plain query, items
   * aggregated per order: a batch makes little garbage, which keeps the service's memory flat while streaming.
   */
  async exportBatch(
    merchantId: string,
    range: { from?: Date; to?: Date },
    after: Cursor | null,
    limit: number,
  ): Promise<ExportedOrder[]> {
    const rows = await this.db.query<{
      id: string;
      created_at: Date;
      kind: OrderKind;
      status: OrderStatus;
      shopper_id: string;
      subtotal_fen: string;
      discount_fen: string;
      total_fen: string;
      refunded_fen: string;
      paid_at: Date | null;
      coupon_id: string | null;
      items: Array<{ productId: string; quantity: number; unitPriceFen: number }>;
    }>(
      `SELECT o.id, o.created_at, o.kind, o.status, o.shopper_id, o.subtotal_fen, o.discount_fen, o.total_fen,
              o.refunded_fen, o.paid_at, o.coupon_id,
              (SELECT coalesce(json_agg(json_build_object('productId', i.product_id, 'quantity', i.quantity,
                                                          'unitPriceFen', i.unit_price_fen) ORDER BY i.line), '[]')
               FROM order_items i WHERE i.order_id = o.id) AS items
       FROM orders o
       WHERE o.merchant_id = $1
         AND ($2::timestamptz IS NULL OR o.created_at >= $2)
         AND ($3::timestamptz IS NULL OR o.created_at < $3)
         AND ($4::timestamptz IS NULL OR (o.created_at, o.id) > ($4, $5::uuid))
       ORDER BY o.created_at, o.id
       LIMIT $6`,
      [merchantId, range.from ?? null, range.to ?? null, after?.createdAt ?? null, after?.id ?? null, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      createdAt: row.created_at,
      kind: row.kind,
      status: row.status,
      shopperId: row.shopper_id,
      subtotalFen: Number(row.subtotal_fen),
      discountFen: Number(row.discount_fen),
      totalFen: Number(row.total_fen),
      refundedFen: Number(row.refunded_fen),
      paidAt: row.paid_at,
      couponId: row.coupon_id,
      items: row.items,
    }));
  }

  /** Moves the order along ORDER_LIFECYCLE; false when it was found in a state that does not lead there. */
  async move(id: string, to: OrderStatus, set: Record<string, unknown>): Promise<boolean> {
    return (await ORDER_LIFECYCLE.move(this.db, { to, where: { id }, set })).length > 0;
  }

  /** Counts a refund on a cancelled order (money that came too late and went back): its status stays. */
  async recordRefundWhileCancelled(id: string, refundedFen: number, now: Date): Promise<void> {
    await this.db.query(`UPDATE orders SET refunded_fen = $2, updated_at = $3 WHERE id = $1`, [id, refundedFen, now]);
  }

  /** Keeps the provider's prepay_id and payParams unless another call stored them first. */
  async storePayment(
    id: string,
    payment: { prepayId: string; payParams: PayParams },
    reconcileAfter: Date,
    now: Date,
  ): Promise<boolean> {
    const stored = await this.db.query(
      `UPDATE orders SET prepay_id = $2, pay_params = $3, reconcile_after = $4, updated_at = $5
       WHERE id = $1 AND prepay_id IS NULL RETURNING id`,
      [id, payment.prepayId, payment.payParams, reconcileAfter, now],
    );
    return stored.length > 0;
  }

  /** Makes an unpaid order due for reconciliation at `at`. */
  async reconcileAt(id: string, at: Date): Promise<void> {
    await this.db.query(`UPDATE orders SET reconcile_after = $2 WHERE id = $1 AND status = 'pending_payment'`, [
      id,
      at,
    ]);
  }

  /** Unpaid orders past their deadline, the oldest deadlines first. */
  expiredUnpaid(now: Date, limit: number): Promise<Order[]> {
    return this.db
      .repo(Order)
      .createQueryBuilder('o')
      .where("o.status = 'pending_payment' AND o.expires_at < :now", { now })
      .orderBy('o.expires_at')
      .take(limit)
      .getMany();
  }

  /** Unpaid orders whose reconcile time has come, leased until `nextAt`. */
  claimUnpaidForReconciliation(
    now: Date,
    nextAt: Date,
    limit: number,
  ): Promise<Array<{ id: string; out_trade_no: string; prepay_id: string | null }>> {
    return claimDue(this.db, {
      table: 'orders',
      dueColumn: 'reconcile_after',
      where: `status = 'pending_payment'`,
      now,
      nextAt,
      limit,
      returning: 'id, out_trade_no, prepay_id',
    });
  }

  /** What the provider needs to refund an order: its out_trade_no and total. */
  async paymentReference(id: string): Promise<{ outTradeNo: string; totalFen: number } | null> {
    const [row] = await this.db.query<{ out_trade_no: string; total_fen: string }>(
      'SELECT out_trade_no, total_fen FROM orders WHERE id = $1',
      [id],
    );
    return row ? { outTradeNo: row.out_trade_no, totalFen: Number(row.total_fen) } : null;
  }

  /** What other modules may know of an order (order-facts.service.ts): with its refunds in flight and its lines. */
  async facts(id: string): Promise<OrderFacts | null> {
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
      [id],
    );
    if (!order) return null;
    const lines = await this.db.query<{ product_id: string; quantity: number; unit_price_fen: string }>(
      'SELECT product_id, quantity, unit_price_fen FROM order_items WHERE order_id = $1 ORDER BY line',
      [id],
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
