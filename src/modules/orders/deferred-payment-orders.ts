import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { GatewayError, PaymentGateway } from '../../payments/payment-gateway';
import { ProductsService } from '../products/products.service';
import type { OpenedOrder } from '../../payments/preparation/payment-preparation';
import { OrderKind, paymentStanding } from './domain/order-status';
import { outTradeNoFor } from './domain/out-numbers';
import { priceOrder } from './domain/pricing';
import { OrderItem } from './order-item.entity';
import { Order } from './order.entity';
import { paymentUnavailable } from './orders.errors';
import { DeferredOrderRecord, OrderItemRecord, OrdersRepository } from './orders.repository';

const RECONCILE_AFTER_PREPARE_MS = 60_000;

/** A draft's orders row, column by column (as JSON for insertMany, as COPY text for insertNew). */
function orderRecord(draft: DeferredOrderDraft): DeferredOrderRecord {
  const { subtotalFen } = priceOrder(draft.lines);
  const expiresAt = draft.expiresAt.toISOString();
  const createdAt = draft.createdAt.toISOString();
  return {
    id: draft.id,
    shopper_id: draft.shopper.userId,
    shopper_openid: draft.shopper.openid,
    merchant_id: draft.merchantId,
    kind: draft.kind,
    status: 'pending_payment',
    subtotal_fen: subtotalFen,
    discount_fen: 0,
    total_fen: subtotalFen,
    expires_at: expiresAt,
    refunded_fen: 0,
    out_trade_no: outTradeNoFor(draft.id),
    // Nothing to reconcile before its payment is prepared: the provider has not seen it.
    reconcile_after: expiresAt,
    created_at: createdAt,
    updated_at: createdAt,
  };
}

const itemRecords = (draft: DeferredOrderDraft): OrderItemRecord[] =>
  draft.lines.map((line, index) => ({
    order_id: draft.id,
    line: index,
    product_id: line.productId,
    quantity: line.quantity,
    unit_price_fen: line.unitPriceFen,
  }));

export interface DeferredOrderDraft {
  /** Derived from the business event (platform/ids/id-from-key.ts): insertMany of one draft twice makes one order. */
  id: string;
  kind: OrderKind;
  shopper: { userId: string; openid: string };
  merchantId: string;
  lines: Array<{ productId: string; quantity: number; unitPriceFen: number }>;
  expiresAt: Date;
  createdAt: Date;
}

/**
 * Orders whose payment is prepared after they are written. Every order is committed before its provider order is
 * created (createProviderOrder: no transaction is open during the round trip); placeOrder does it at once. A campaign that accepts thousands of orders a second (a flash sale)
 * cannot sign a paySign for each as it accepts it: it writes them here in batches, and the provider's JSAPI
 * order is created when the shopper first opens the order (`GET /v1/orders/:id`). Until then
 * `payment.prepayId` and `payment.payParams` are null. Expiry, cancellation and reconciliation need nothing
 * more: closing an out_trade_no the provider never saw is fine, and querying one answers "no such order".
 */
@Injectable()
export class DeferredPaymentOrders {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly clock: Clock,
    private readonly gateway: PaymentGateway,
    private readonly products: ProductsService,
  ) {}

  /**
   * Inserts the orders (one statement, skipping those that exist) and the items of those it inserted, inside the
   * caller's transaction (or one of its own). Returns the ids inserted by this call.
   */
  async insertMany(drafts: readonly DeferredOrderDraft[]): Promise<Set<string>> {
    if (drafts.length === 0) return new Set();
    // Only the orders this statement inserted: their items cannot exist yet.
    return this.orders.insertSkippingExisting(drafts.map(orderRecord), (ids) =>
      drafts.filter((draft) => ids.has(draft.id)).flatMap(itemRecords),
    );
  }

  /**
   * Inserts orders that do not exist yet, and their items, with COPY: the same rows as insertMany at ~40% less
   * of PostgreSQL's time, for a caller that knows they are new. One that exists fails the caller's transaction
   * with a unique violation (the caller then does it again with insertMany).
   */
  async insertNew(drafts: readonly DeferredOrderDraft[]): Promise<void> {
    if (drafts.length === 0) return;
    await this.orders.copyNew(drafts.map(orderRecord), drafts.flatMap(itemRecords));
  }

  /**
   * Creates the provider's JSAPI order of an order awaiting payment that has none yet, and keeps its prepay_id and
   * payParams. The provider answers identical re-posts with the same prepay_id, so two concurrent calls agree;
   * the first to store them wins. Past the deadline nothing is prepared (nothing could be paid).
   */
  async preparePayment(order: Order, items: readonly OrderItem[]): Promise<Order> {
    if (order.status !== 'pending_payment' || order.prepayId !== null || this.clock.now() >= order.expiresAt) {
      return order;
    }
    const names = new Map((await this.products.findMany(items.map((i) => i.productId))).map((p) => [p.id, p.name]));
    const description = [...items]
      .sort((a, b) => a.line - b.line)
      .map((item) => names.get(item.productId) ?? '')
      .filter((name) => name.length > 0)
      .join(', ');
    try {
      return await this.createProviderOrder(order, description);
    } catch (error) {
      if (error instanceof GatewayError) throw paymentUnavailable(error.code);
      throw error;
    }
  }

  /**
   * The order of an out_trade_no as the shopper's app opens it to pay (the sandbox's simulated shopper knows only
   * the number): its payment prepared as `GET /v1/orders/:id` does. Null when no order has that number.
   */
  async openForPayment(outTradeNo: string): Promise<OpenedOrder | null> {
    const order = await this.orders.byOutTradeNo(outTradeNo);
    if (!order) return null;
    const opened = await this.preparePayment(order, await this.orders.items(order.id));
    return { state: paymentStanding(opened, this.clock.now()), payerOpenid: order.shopperOpenid };
  }

  /**
   * The provider's JSAPI order for a committed order awaiting payment, made outside any transaction (a network
   * round trip holds no connection or row lock), then stored. An order the provider has closed or seen paid is
   * read again as it now stands; any other refusal, or a timeout, is thrown as the gateway's error.
   */
  async createProviderOrder(order: Order, description: string): Promise<Order> {
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
        return (await this.orders.byId(order.id)) ?? order;
      }
      throw error;
    }
    const now = this.clock.now();
    const reconcileAfter = new Date(now.getTime() + RECONCILE_AFTER_PREPARE_MS);
    if (!(await this.orders.storePayment(order.id, payment, reconcileAfter, now))) {
      return (await this.orders.byId(order.id)) ?? order;
    }
    return { ...order, prepayId: payment.prepayId, payParams: payment.payParams, reconcileAfter, updatedAt: now };
  }
}
