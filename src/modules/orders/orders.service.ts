import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { decodeCursor, Page, PageQuery, pageLimit, toPage } from '../../platform/http/pagination';
import { basketFen } from '../../platform/money/money';
import { GatewayError, GatewayTimeoutError } from '../../payments/payment-gateway';
import { ProductsService } from '../products/products.service';
import { CouponRedemption } from './coupon-redemption';
import { OrderKind, OrderStatus } from './domain/order-status';
import { outTradeNoFor } from './domain/out-numbers';
import { payWithGiftCards, priceOrder } from './domain/pricing';
import { DeferredPaymentOrders } from './deferred-payment-orders';
import {
  CreateOrderDto,
  MerchantOrderDetailDto,
  MerchantOrderDto,
  MerchantOrderListQuery,
  OrderDetailDto,
  OrderDto,
} from './dto/order.dto';
import { OrderRefundsRepository } from './order-refunds.repository';
import { MerchantOrderFilter, OrdersRepository } from './orders.repository';
import { OrderItem } from './order-item.entity';
import { OrderPaymentsService } from './order-payments.service';
import { OrderTransitions } from './order-transitions';
import { GiftCardTender } from './gift-card-tender';
import { Order } from './order.entity';
import { orderNotCancellable, paymentUnavailable } from './orders.errors';

/** A standard order stays payable this long (API.md); campaigns set their own. */
export const STANDARD_PAYMENT_WINDOW_MS = 15 * 60 * 1000;
const FIRST_RECONCILE_AFTER_MS = 60_000;

export interface OrderDraft {
  kind: OrderKind;
  shopper: { userId: string; openid: string };
  merchantId: string;
  lines: Array<{ productId: string; quantity: number; unitPriceFen: number }>;
  /** Computed inside the order's transaction (a coupon is locked there); 0 without it. */
  discount?: (orderId: string) => Promise<number>;
  couponId?: string | null;
  /**
   * Holds gift cards for what is left after the discount, inside the order's transaction; returns what they hold.
   * An order they cover entirely is paid at once, with no provider transaction.
   */
  giftCards?: (orderId: string, dueFen: number) => Promise<number>;
  /** The payment deadline, or how to compute it from the instant the order is placed. */
  expiresAt: Date | ((placedAt: Date) => Date);
  /** What the shopper sees in WeChat Pay (at most 127 characters). */
  description: string;
}

/** Orders: placing them (standard ones here, campaign ones for other modules), reading and cancelling them. */
@Injectable()
export class OrdersService {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly products: ProductsService,
    private readonly payments: OrderPaymentsService,
    private readonly deferred: DeferredPaymentOrders,
    private readonly coupons: CouponRedemption,
    private readonly orders: OrdersRepository,
    private readonly refunds: OrderRefundsRepository,
    private readonly giftCards: GiftCardTender,
    private readonly transitions: OrderTransitions,
  ) {}

  async placeStandardOrder(shopper: { userId: string; openid: string }, input: CreateOrderDto): Promise<OrderDto> {
    const ids = input.items.map((item) => item.productId);
    if (new Set(ids).size !== ids.length) {
      throw validationFailed([{ field: 'items', problems: ['list each product once, with its quantity'] }]);
    }
    const products = new Map((await this.products.findMany(ids)).map((product) => [product.id, product]));
    const missing = ids.find((id) => !products.has(id));
    if (missing) throw notFound(`Product ${missing}`);
    const merchants = new Set([...products.values()].map((product) => product.merchantId));
    if (merchants.size > 1) {
      throw validationFailed([{ field: 'items', problems: ['an order holds the products of one merchant'] }]);
    }
    const names = input.items.map((item) => products.get(item.productId)!.name);
    const merchantId = [...merchants][0];
    const lines = input.items.map((item) => ({ ...item, unitPriceFen: products.get(item.productId)!.priceFen }));
    basketFen(lines); // refuses, before anything is written, lines that together pass what an order may total
    const couponId = input.couponId;
    const giftCardIds = input.giftCardIds ?? [];
    return this.placeOrder({
      kind: 'standard',
      shopper,
      merchantId,
      lines,
      couponId: couponId ?? null,
      discount: couponId
        ? (orderId) =>
            this.coupons.lock({
              couponId,
              shopperId: shopper.userId,
              merchantId,
              orderId,
              lines,
              now: this.clock.now(),
            })
        : undefined,
      giftCards:
        giftCardIds.length > 0
          ? (orderId, dueFen) =>
              this.giftCards.hold({
                cardIds: giftCardIds,
                shopperId: shopper.userId,
                merchantId,
                orderId,
                dueFen,
                now: this.clock.now(),
              })
          : undefined,
      expiresAt: (placedAt) => new Date(placedAt.getTime() + STANDARD_PAYMENT_WINDOW_MS),
      description: names.join(', '),
    });
  }

  /**
   * Places an order in two steps, so that no transaction is open during the provider's round trip: the order is
   * committed `pending_payment` (with what `within` writes in the same transaction for the campaign: a
   * reservation, a seat; if it throws, nothing is kept), then the provider's JSAPI order is created and its
   * payParams stored. If the provider refuses, the order is closed there and cancelled, which releases its coupon,
   * seat or stock; if it does not answer in time (outcome unknown), the order is left to the reconciliation job,
   * which does the same once the provider answers. Either way the caller gets 503 PAYMENT_PROVIDER_UNAVAILABLE.
   * An order its gift cards pay entirely is paid in that same transaction and never reaches the provider.
   */
  async placeOrder(draft: OrderDraft, within?: (order: Order) => Promise<void>): Promise<OrderDto> {
    const id = randomUUID();
    const now = this.clock.now();
    const outTradeNo = outTradeNoFor(id);
    const expiresAt = typeof draft.expiresAt === 'function' ? draft.expiresAt(now) : draft.expiresAt;
    const { order, items } = await this.db.transaction(async () => {
      const priced = priceOrder(draft.lines, draft.discount ? await draft.discount(id) : 0);
      const giftCardFen = draft.giftCards ? await draft.giftCards(id, priced.totalFen) : 0;
      const totals = payWithGiftCards(priced, giftCardFen);
      const order: Order = {
        id,
        shopperId: draft.shopper.userId,
        shopperOpenid: draft.shopper.openid,
        merchantId: draft.merchantId,
        kind: draft.kind,
        status: 'pending_payment',
        ...totals,
        couponId: draft.couponId ?? null,
        expiresAt,
        paidAt: null,
        cancelledAt: null,
        cancelReason: null,
        refundedFen: 0,
        outTradeNo,
        prepayId: null,
        payParams: null,
        transactionId: null,
        // Should this process stop before the provider's answer is stored, reconciliation settles the order.
        reconcileAfter: new Date(now.getTime() + FIRST_RECONCILE_AFTER_MS),
        createdAt: now,
        updatedAt: now,
      };
      const items: OrderItem[] = draft.lines.map((line, index) => ({ orderId: id, line: index, ...line }));
      await this.orders.insert(order, items);
      await within?.(order);
      if (order.totalFen > 0) return { order, items };
      await this.transitions.markPaid(order, null, now);
      return { order: { ...order, status: 'paid' as const, paidAt: now }, items };
    });
    if (order.status === 'paid') return OrderDto.from(order, items);
    try {
      return OrderDto.from(await this.deferred.createProviderOrder(order, draft.description), items);
    } catch (error) {
      if (error instanceof GatewayError && !(error instanceof GatewayTimeoutError)) {
        await this.payments.abandonOrReconcile(order);
      } else {
        await this.payments.reconcileNow(order.id);
      }
      if (error instanceof GatewayError) throw paymentUnavailable(error.code);
      throw error;
    }
  }

  /**
   * The shopper's order with its refunds; one written without its payment (a flash sale's) has it prepared now.
   */
  async getForShopper(shopperId: string, orderId: string): Promise<OrderDetailDto> {
    const order = await this.find(orderId, { shopperId });
    const items = await this.orders.items(orderId);
    const prepared = order.prepayId === null ? await this.deferred.preparePayment(order, items) : order;
    return OrderDetailDto.from(prepared, items, await this.refunds.forOrder(orderId));
  }

  /** The merchant's order with its refunds; another merchant's is 404, as one that does not exist. */
  async getForMerchant(merchantId: string, orderId: string): Promise<MerchantOrderDetailDto> {
    const order = await this.find(orderId, { merchantId });
    const [items, refunds] = await Promise.all([this.orders.items(orderId), this.refunds.forOrder(orderId)]);
    return MerchantOrderDetailDto.from(order, items, refunds);
  }

  /** The merchant's orders, newest first, narrowed by status, kind and a createdAt range. */
  async listForMerchant(merchantId: string, query: MerchantOrderListQuery): Promise<Page<MerchantOrderDto>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor);
    const orders = await this.orders.listForMerchant(merchantId, orderFilter(query), after, limit + 1);
    const items = await this.orders.itemsOf(orders.slice(0, limit).map((order) => order.id));
    return toPage(orders, limit, (order) => MerchantOrderDto.from(order, items.get(order.id) ?? []));
  }

  async listForShopper(shopperId: string, query: PageQuery): Promise<Page<OrderDto>> {
    const limit = pageLimit(query);
    const after = decodeCursor(query.cursor);
    const orders = await this.orders.listForShopper(shopperId, after, limit + 1);
    const items = await this.orders.itemsOf(orders.slice(0, limit).map((order) => order.id));
    return toPage(orders, limit, (order) => OrderDto.from(order, items.get(order.id) ?? []));
  }

  /** The shopper's cancel: only while awaiting payment; the provider's order is closed first. */
  async cancelForShopper(shopperId: string, orderId: string): Promise<OrderDto> {
    const order = await this.find(orderId, { shopperId });
    if (order.status !== 'pending_payment') throw orderNotCancellable(order.status);
    const cancelled = await this.payments.closeAndCancel(order, 'shopper');
    const now = await this.find(orderId, { shopperId });
    if (!cancelled && now.status !== 'cancelled') throw orderNotCancellable(now.status);
    return OrderDto.from(now, await this.orders.items(orderId));
  }

  /** Cancels an unpaid order on behalf of the module that created it (a group room that completed without it). */
  async cancelUnpaid(orderId: string, reason: string): Promise<boolean> {
    const order = await this.orders.pendingById(orderId);
    if (!order) return false;
    return this.payments.closeAndCancel(order, reason);
  }

  /** The order of this shopper or merchant; 404 for anyone else's, as for one that does not exist. */
  private async find(orderId: string, owner: { shopperId: string } | { merchantId: string }): Promise<Order> {
    const order = isOpaqueId(orderId) ? await this.orders.byIdFor(orderId, owner) : null;
    if (!order) throw notFound('Order');
    return order;
  }
}

/** The query's filters, its timestamps as instants; a range that ends before it starts is the caller's mistake. */
export function orderFilter(query: {
  status?: OrderStatus;
  kind?: OrderKind;
  from?: string;
  to?: string;
}): MerchantOrderFilter {
  const from = query.from === undefined ? undefined : new Date(query.from);
  const to = query.to === undefined ? undefined : new Date(query.to);
  if (from && to && from > to) throw validationFailed([{ field: 'to', problems: ['to must not be before from'] }]);
  return { status: query.status, kind: query.kind, from, to };
}
