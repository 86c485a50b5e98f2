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

/** The columns of orders.csv, in order (docs/merchants.md describes them); EXPORT_LINES selects them so. */
export const ORDER_CSV_COLUMNS = [
  'id',
  'createdAt',
  'kind',
  'status',
  'shopperId',
  'subtotalFen',
  'discountFen',
  'totalFen',
  'refundedFen',
  'paidAt',
  'couponId',
  'items',
  'itemNames',
] as const;

/** The createdAt range of an export: `from` inclusive, `to` exclusive. */
export type ExportRange = Pick<MerchantOrderFilter, 'from' | 'to'>;

/** Where an export stands: the last order sent, its createdAt as stored (ISO 8601 to the microsecond). */
export interface ExportKey {
  createdAt: string;
  id: string;
}

/** A batch of an export, read before its lines: their number, the last one's key, the products they name. */
export interface ExportBatch {
  size: number;
  last: ExportKey;
  productIds: string[];
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

  byOutTradeNo(outTradeNo: string): Promise<Order | null> {
    return this.db.repo(Order).findOneBy({ outTradeNo });
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
   * The next batch of the merchant's orders.csv, oldest first after `after` (keyset over idx_orders_merchant_list):
   * how many orders, the last one's key, and the products their lines name; null when no order is left.
   */
  async nextExportBatch(
    merchantId: string,
    range: ExportRange,
    after: ExportKey | null,
    limit: number,
  ): Promise<ExportBatch | null> {
    const [row] = await this.db.query<{ size: number; created_at: string; id: string; product_ids: string[] }>(
      `WITH batch AS (
         SELECT o.id, o.created_at FROM orders o WHERE ${EXPORT_WHERE} ORDER BY o.created_at, o.id LIMIT $6
       )
       SELECT (SELECT count(*)::int FROM batch) AS size, ${isoMicroseconds('last.created_at')} AS created_at, last.id,
              ARRAY(SELECT DISTINCT i.product_id::text FROM order_items i JOIN batch b ON b.id = i.order_id) AS product_ids
       FROM (SELECT id, created_at FROM batch ORDER BY created_at DESC, id DESC LIMIT 1) last`,
      [...exportParameters(merchantId, range, after), limit],
    );
    return row
      ? { size: row.size, last: { createdAt: row.created_at, id: row.id }, productIds: row.product_ids }
      : null;
  }

  /**
   * The lines of orders.csv (ORDER_CSV_COLUMNS) for the merchant's orders after `after` up to `last` included,
   * written by PostgreSQL (Db.copyCsvOut) as the chunks it sent; `names` gives the name shown for each product id.
   */
  exportCsvLines(
    merchantId: string,
    range: ExportRange,
    after: ExportKey | null,
    last: ExportKey,
    names: Readonly<Record<string, string>>,
  ): Promise<Buffer[]> {
    return this.db.copyCsvOut(EXPORT_LINES, [
      ...exportParameters(merchantId, range, after),
      last.createdAt,
      last.id,
      JSON.stringify(names),
    ]);
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
      gift_card_fen: string;
      refunded_fen: string;
      paid_at: Date | null;
      in_flight: number;
    }>(
      `SELECT o.id, o.shopper_id, o.shopper_openid, o.merchant_id, o.status, o.subtotal_fen, o.total_fen,
              o.gift_card_fen, o.refunded_fen, o.paid_at,
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
      giftCardFen: Number(order.gift_card_fen),
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

/**
 * The orders of an export: $1 merchant, $2 from, $3 to, after the key $4 (createdAt), $5 (id); each may be NULL.
 * `created_at >= $4` follows from the key's row comparison, but the planner estimates only the plain bound well.
 */
const EXPORT_WHERE = `o.merchant_id = $1::uuid
  AND ($2::timestamptz IS NULL OR o.created_at >= $2::timestamptz)
  AND ($3::timestamptz IS NULL OR o.created_at < $3::timestamptz)
  AND ($4::timestamptz IS NULL OR ((o.created_at, o.id) > ($4::timestamptz, $5::uuid) AND o.created_at >= $4::timestamptz))`;

const exportParameters = (merchantId: string, range: ExportRange, after: ExportKey | null): Array<string | null> => [
  merchantId,
  range.from?.toISOString() ?? null,
  range.to?.toISOString() ?? null,
  after?.createdAt ?? null,
  after?.id ?? null,
];

/** An instant as ISO 8601 in UTC to the millisecond, as Date.toISOString writes it. */
const isoMilliseconds = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** The same to the microsecond, as stored: a key that finds its order again exactly. */
const isoMicroseconds = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

/**
 * How a cell that a spreadsheet would run as a formula starts (csv-stringify's escape_formulas set): = + - @, a
 * tab, a carriage return (OWASP's list), and the full-width = + - @ (U+FF1D, U+FF0B, U+FF0D, U+FF20) that Apple
 * Numbers also runs.
 */
const FORMULA_START =
  '(chr(61), chr(43), chr(45), chr(64), chr(9), chr(13), chr(65309), chr(65291), chr(65293), chr(65312))';

/**
 * orders.csv lines after the key $4/$5 up to the key $6/$7 included, product names from the JSON object $8. Without
 * the plain `created_at <= $6` the planner guesses a third of the merchant's orders in the range and scans them all
 * for every batch (measured on 1,000,000 orders); with it, it walks idx_orders_merchant_list over the batch.
 * Only itemNames can start like a formula (the other cells are ids, enums, numbers, instants, and item lines
 * that start with a product id): it gets a leading ' (OWASP's advice). Absent values (unpaid, no coupon, no
 * name) are NULL, which COPY writes as an empty field.
 */
const EXPORT_LINES = `
  SELECT o.id, ${isoMilliseconds('o.created_at')}, o.kind, o.status, o.shopper_id, o.subtotal_fen, o.discount_fen,
         o.total_fen, o.refunded_fen, ${isoMilliseconds('o.paid_at')}, o.coupon_id, lines.items,
         CASE WHEN left(lines.names, 1) IN ${FORMULA_START} THEN '''' || lines.names ELSE NULLIF(lines.names, '') END
  FROM orders o
  CROSS JOIN LATERAL (
    SELECT string_agg(i.product_id || ' x ' || i.quantity || ' @ ' || i.unit_price_fen, '; ' ORDER BY i.line) AS items,
           string_agg(coalesce($8::jsonb ->> i.product_id::text, ''), '; ' ORDER BY i.line) AS names
    FROM order_items i WHERE i.order_id = o.id
  ) lines
  WHERE ${EXPORT_WHERE} AND (o.created_at, o.id) <= ($6::timestamptz, $7::uuid) AND o.created_at <= $6::timestamptz
  ORDER BY o.created_at, o.id`;
