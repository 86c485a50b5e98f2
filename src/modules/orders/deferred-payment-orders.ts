import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { GatewayError, PaymentGateway } from '../../payments/payment-gateway';
import { ProductsService } from '../products/products.service';
import { OrderKind } from './domain/order-status';
import { outTradeNoFor } from './domain/out-numbers';
import { priceOrder } from './domain/pricing';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';
import { paymentUnavailable } from './orders.errors';

const RECONCILE_AFTER_PREPARE_MS = 60_000;

export interface DeferredOrderDraft {
  /** Derived from the business event (platform/ids/id-from-key.ts): inserting one draft twice makes one order. */
  id: string;
  kind: OrderKind;
  shopper: { userId: string; openid: string };
  merchantId: string;
  lines: Array<{ productId: string; quantity: number; unitPriceFen: number }>;
  expiresAt: Date;
  createdAt: Date;
}

/**
 * Orders whose payment is prepared later. A campaign that accepts thousands of orders a second (a flash sale)
 * cannot sign a paySign for each as it accepts it: it writes them here in batches, and the provider's JSAPI
 * order is created when the shopper first opens the order (`GET /v1/orders/:id`). Until then
 * `payment.prepayId` and `payment.payParams` are null. Expiry, cancellation and reconciliation need nothing
 * more: closing an out_trade_no the provider never saw is fine, and querying one answers "no such order".
 */
@Injectable()
export class DeferredPaymentOrders {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly gateway: PaymentGateway,
    private readonly products: ProductsService,
  ) {}

  /**
   * Inserts the orders and their items with one multi-row statement each, inside the caller's transaction
   * (or one of its own). Orders that already exist are left as they are; returns the ids inserted by this call.
   */
  async insertMany(drafts: readonly DeferredOrderDraft[]): Promise<Set<string>> {
    if (drafts.length === 0) return new Set();
    const totals = drafts.map((draft) => priceOrder(draft.lines));
    // One JSON parameter per statement: cheaper to build than a parameter per column or per value.
    const rows = drafts.map((draft, i) => ({
      id: draft.id,
      shopper_id: draft.shopper.userId,
      openid: draft.shopper.openid,
      merchant_id: draft.merchantId,
      kind: draft.kind,
      subtotal: totals[i].subtotalFen,
      expires_ms: draft.expiresAt.getTime(),
      out_trade_no: outTradeNoFor(draft.id),
      created_ms: draft.createdAt.getTime(),
    }));
    return this.db.transaction(async () => {
      const [{ ids: inserted }] = await this.db.query<{ ids: string[] | null }>(
        `WITH inserted AS (
         INSERT INTO orders (id, shopper_id, shopper_openid, merchant_id, kind, status, subtotal_fen, discount_fen,
           total_fen, coupon_id, expires_at, paid_at, cancelled_at, cancel_reason, refunded_fen, out_trade_no,
           prepay_id, pay_params, transaction_id, reconcile_after, created_at, updated_at)
         SELECT u.id, u.shopper_id, u.openid, u.merchant_id, u.kind, 'pending_payment', u.subtotal, 0,
           u.subtotal, NULL, to_timestamp(u.expires_ms / 1000.0), NULL, NULL, NULL, 0, u.out_trade_no,
           NULL, NULL, NULL, to_timestamp(u.expires_ms / 1000.0), to_timestamp(u.created_ms / 1000.0),
           to_timestamp(u.created_ms / 1000.0)
         FROM json_to_recordset($1::json) AS u(id uuid, shopper_id uuid, openid text, merchant_id uuid, kind text,
           subtotal bigint, expires_ms bigint, out_trade_no text, created_ms bigint)
         ON CONFLICT (id) DO NOTHING
         RETURNING id)
         SELECT array_agg(id) AS ids FROM inserted`,
        [JSON.stringify(rows)],
      );
      const ids = new Set(inserted ?? []);
      // Only the orders this statement inserted: their items cannot exist yet.
      const lines = drafts
        .filter((draft) => ids.has(draft.id))
        .flatMap((draft) =>
          draft.lines.map((line, index) => ({
            order_id: draft.id,
            line: index,
            product_id: line.productId,
            quantity: line.quantity,
            unit_price_fen: line.unitPriceFen,
          })),
        );
      if (lines.length > 0) {
        await this.db.query(
          `INSERT INTO order_items (order_id, line, product_id, quantity, unit_price_fen)
           SELECT * FROM json_to_recordset($1::json)
             AS u(order_id uuid, line smallint, product_id uuid, quantity integer, unit_price_fen bigint)`,
          [JSON.stringify(lines)],
        );
      }
      return ids;
    });
  }

  /**
   * Creates the provider's JSAPI order of an order awaiting payment that has none yet, and keeps its prepay_id and
   * payParams. The provider answers identical re-posts with the same prepay_id, so two concurrent calls agree;
   * the first to store them wins. Past the deadline nothing is prepared (nothing could be paid).
   */
  async preparePayment(order: Order, items: readonly OrderItem[]): Promise<Order> {
    const now = this.clock.now();
    if (order.status !== 'pending_payment' || order.prepayId !== null || now >= order.expiresAt) return order;
    const names = new Map((await this.products.findMany(items.map((i) => i.productId))).map((p) => [p.id, p.name]));
    const description = [...items]
      .sort((a, b) => a.line - b.line)
      .map((item) => names.get(item.productId) ?? '')
      .filter((name) => name.length > 0)
      .join(', ');
    let payment;
    try {
      payment = await this.gateway.createJsapiOrder({
        outTradeNo: order.outTradeNo,
        description: description.slice(0, 127) || 'Order',
        amountFen: order.totalFen,
        payerOpenid: order.shopperOpenid,
        timeExpire: order.expiresAt,
      });
    } catch (error) {
      if (error instanceof GatewayError && (error.code === 'ORDER_CLOSED' || error.code === 'ORDER_PAID')) {
        return (await this.db.repo(Order).findOneBy({ id: order.id })) ?? order;
      }
      if (error instanceof GatewayError) throw paymentUnavailable(error.code);
      throw error;
    }
    await this.db.query(
      `UPDATE orders SET prepay_id = $2, pay_params = $3, reconcile_after = $4, updated_at = $5
       WHERE id = $1 AND prepay_id IS NULL`,
      [order.id, payment.prepayId, payment.payParams, new Date(now.getTime() + RECONCILE_AFTER_PREPARE_MS), now],
    );
    return (await this.db.repo(Order).findOneBy({ id: order.id })) ?? order;
  }
}
