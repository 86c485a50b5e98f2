import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { OutboxEvent, OutboxService } from '../../platform/outbox/outbox.service';
import { GatewayError, GatewayRefund, PaymentGateway } from '../../payments/payment-gateway';
import { paidByCardsFen, refundableFen } from './domain/order-status';
import { REFUND_LIFECYCLE } from './domain/refund-lifecycle';
import { idFromKey } from '../../platform/ids/id-from-key';
import { outRefundNoFor } from './domain/out-numbers';
import { RefundDto } from './dto/refund.dto';
import { OrderRefund, RefundCause } from './order-refund.entity';
import { OrderRefundsRepository } from './order-refunds.repository';
import { GiftCardTender } from './gift-card-tender';
import { Order } from './order.entity';
import { OrderTransitions } from './order-transitions';
import { OrdersRepository } from './orders.repository';
import { refundExceedsPaid } from './orders.errors';
import { WebhookEvents } from '../webhooks/webhook-events.service';

export const REFUND_REQUESTED = 'refund.requested';
/** How long after a request the reconciliation job first asks the provider about a refund. */
const RECONCILE_AFTER_MS = 60_000;

/**
 * Refunds of paid orders: asked for by the merchant (partial allowed, never beyond what was paid, concurrent
 * requests serialized on the order row) or by the system for one business event (a late payment, a failed
 * group). Each is a row first, submitted to the provider by the outbox with an out_refund_no derived from
 * the row, and counted on the order when the provider says it succeeded.
 */
/** Attempts at a refund the system owes, the first included, before it is left failed for an operator. */
const MAX_SYSTEM_REFUND_ATTEMPTS = 3;

@Injectable()
export class OrderRefundsService implements OnModuleInit {
  private readonly logger = new Logger(OrderRefundsService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly gateway: PaymentGateway,
    private readonly transitions: OrderTransitions,
    private readonly refunds: OrderRefundsRepository,
    private readonly orders: OrdersRepository,
    private readonly webhooks: WebhookEvents,
    private readonly giftCards: GiftCardTender,
  ) {}

  onModuleInit(): void {
    this.outbox.subscribe<{ refundId: string }>(REFUND_REQUESTED, 'orders.submit-refund', (event) =>
      this.submit(event),
    );
  }

  async requestByMerchant(merchantId: string, orderId: string, amountFen: number, reason: string): Promise<RefundDto> {
    return this.db.transaction(async () => {
      const order = isOpaqueId(orderId) ? await this.transitions.lock({ id: orderId }) : null;
      if (!order || order.merchantId !== merchantId) throw notFound('Order');
      const paid = order.status === 'paid' || order.status === 'partially_refunded';
      const rest = paid ? await this.refundableRest(order) : 0;
      if (amountFen > rest) throw refundExceedsPaid(rest);
      // A fresh id and no business key: never a conflict.
      return RefundDto.from((await this.insert(order, amountFen, reason, 'merchant', null))!);
    });
  }

  /** The merchant's refund; another merchant's is 404, as one that does not exist. */
  async getForMerchant(merchantId: string, refundId: string): Promise<RefundDto> {
    const refund = isOpaqueId(refundId) ? await this.refunds.byIdForMerchant(refundId, merchantId) : null;
    if (!refund) throw notFound('Refund');
    return RefundDto.from(refund);
  }

  /**
   * What may still be refunded of an order whose money arrived: what it was paid (through the provider, and by its
   * gift cards once it was paid) less the refunds that succeeded and those still in flight (a refund being
   * processed is money already asked back). The one place every refunder reads it from; the caller holds the order
   * row lock, so two refunders never both count the same rest.
   */
  async refundableRest(order: Order): Promise<number> {
    const { heldFen } = await this.refunds.heldFen(order.id);
    return refundableFen(order.totalFen + paidByCardsFen(order), heldFen);
  }

  /**
   * Refunds whatever of the order is still refundable, once for one business event (a failed group room, money
   * that arrived too late), inside the caller's transaction with the order row locked. A second request with the
   * same key changes nothing. Returns the amount asked back (0: nothing was left, or the event was handled).
   */
  async refundRest(
    order: { id: string; merchantId: string },
    businessKey: string,
    reason: string,
    cause: RefundCause,
  ): Promise<number> {
    return this.db.transaction(async () => {
      const locked = await this.transitions.lock({ id: order.id });
      if (!locked) return 0;
      const rest = await this.refundableRest(locked);
      if (rest <= 0) {
        this.logger.log(`refund ${businessKey}: nothing left to refund of order ${order.id}`);
        return 0;
      }
      const inserted = await this.insert(locked, rest, reason, cause, businessKey);
      return inserted ? rest : 0;
    });
  }

  /** Applies what the provider says of a refund (notification or query). Duplicates change nothing. */
  async applyResult(result: GatewayRefund): Promise<void> {
    await this.db.transaction(async () => {
      const refund = await this.refunds.lockByOutRefundNo(result.outRefundNo);
      if (!refund) {
        this.logger.warn(`refund result for unknown out_refund_no ${result.outRefundNo}`);
        return;
      }
      const now = this.clock.now();
      if (result.status === 'SUCCESS') {
        const settled = await this.refunds.settle(refund.id, 'succeeded', {
          refundId: result.refundId,
          settledAt: result.successTime ?? now,
        });
        if (!settled) return;
        await this.webhooks.record(refund.merchantId, 'refund.succeeded', {
          ...refundFacts(refund),
          status: 'succeeded',
          succeededAt: (result.successTime ?? now).toISOString(),
        });
        const order = await this.transitions.lock({ id: refund.orderId });
        if (order) await this.transitions.addRefund(order, refund.id, refund.amountFen);
      } else if (result.status === 'CLOSED' || result.status === 'ABNORMAL') {
        await this.fail(refund, `provider status ${result.status}`);
      }
    });
  }

  /** Refunds the reconciliation job should ask the provider about. */
  async dueForReconciliation(limit: number): Promise<OrderRefund[]> {
    const now = this.clock.now();
    return this.refunds.claimProcessing(now, new Date(now.getTime() + RECONCILE_AFTER_MS), limit);
  }

  /** Asks the provider about a refund: settles it, or submits it again if the provider never got it. */
  async reconcile(refund: OrderRefund): Promise<void> {
    const known = await this.gateway.queryRefund(refund.outRefundNo);
    if (known) await this.applyResult(known);
    else await this.submitRefund(refund.id);
  }

  private async submit(event: OutboxEvent<{ refundId: string }>): Promise<void> {
    await this.submitRefund(event.payload.refundId);
  }

  private async submitRefund(refundId: string): Promise<void> {
    const refund = await this.refunds.byId(refundId);
    if (!refund || refund.status !== 'processing') return;
    const order = await this.orders.paymentReference(refund.orderId);
    if (!order) throw new Error(`refund ${refund.id} of unknown order ${refund.orderId}`);
    try {
      const result = await this.gateway.refund({
        outTradeNo: order.outTradeNo,
        outRefundNo: refund.outRefundNo,
        // What went back to the gift cards is not the provider's to refund.
        amountFen: refund.amountFen - refund.giftCardFen,
        totalFen: order.totalFen,
        reason: refund.reason,
      });
      await this.refunds.recordRefundId(refund.id, result.refundId);
      if (result.status !== 'PROCESSING') await this.applyResult(result);
    } catch (error) {
      if (error instanceof GatewayError && !error.retryable) {
        await this.fail(refund, error.message);
        return;
      }
      throw error; // the outbox tries again with the same out_refund_no
    }
  }

  /**
   * The refund row, the gift cards' part given back to them at once (API.md: cards first, up to what they paid),
   * and the outbox event that asks the provider for the rest; a refund the cards cover entirely has succeeded
   * already. Null when one for this business key exists already. The caller holds the order row lock.
   */
  private async insert(
    order: Order,
    amountFen: number,
    reason: string,
    cause: RefundCause,
    businessKey: string | null,
  ): Promise<OrderRefund | null> {
    const id = businessKey ? idFromKey(businessKey) : randomUUID();
    const now = this.clock.now();
    const [status] = REFUND_LIFECYCLE.initial;
    const giftCardFen = await this.toCardsPart(order, amountFen);
    const refund: OrderRefund = {
      id,
      orderId: order.id,
      merchantId: order.merchantId,
      outRefundNo: outRefundNoFor(id),
      businessKey,
      cause,
      amountFen,
      giftCardFen,
      reason,
      status,
      refundId: null,
      failReason: null,
      reconcileAfter: new Date(now.getTime() + RECONCILE_AFTER_MS),
      createdAt: now,
      settledAt: null,
    };
    if (!(await this.refunds.insertOnce(refund))) return null;
    if (order.kind === 'gift_card') {
      // The cards it bought go back with the money, or nothing does.
      const { heldFen } = await this.refunds.heldFen(order.id);
      await this.giftCards.takeBackCards(order.id, heldFen, id, now);
    }
    if (giftCardFen > 0) await this.giftCards.refundToCards(order.id, giftCardFen, id, now);
    if (giftCardFen < amountFen) {
      await this.outbox.publish(REFUND_REQUESTED, { refundId: id, orderId: order.id });
      return refund;
    }
    await this.refunds.settle(id, 'succeeded', { settledAt: now });
    await this.webhooks.record(order.merchantId, 'refund.succeeded', {
      ...refundFacts(refund),
      status: 'succeeded',
      succeededAt: now.toISOString(),
    });
    await this.transitions.addRefund(order, id, amountFen);
    return { ...refund, status: 'succeeded', settledAt: now };
  }

  /** What of a refund of `amountFen` goes back to the order's gift cards: what they paid and have not had back. */
  private async toCardsPart(order: Order, amountFen: number): Promise<number> {
    const paidByCards = paidByCardsFen(order);
    if (paidByCards === 0) return 0; // an order without cards costs no query here
    const { toCardsFen } = await this.refunds.heldFen(order.id);
    return Math.min(amountFen, paidByCards - toCardsFen);
  }

  /**
   * A refund the provider refused or closed: surfaced as `failed` with its reason, for the merchant and operators.
   * A refund of the whole rest asked for while this one was in flight (a failed room, a late payment) counted it
   * as money going back; now that it is not, what it held is owed too, and asked back once.
   */
  /**
   * A refund the system owes (a failed room, money that came too late) that the provider refused is asked again
   * under a key derived from the refused one, at most MAX_SYSTEM_REFUND_ATTEMPTS times in all; a merchant's own
   * refund is not: the merchant sees it failed and decides.
   */
  private askAgain(refund: OrderRefund): { businessKey: string; cause: RefundCause; reason: string } | null {
    if (refund.cause === 'merchant' || refund.businessKey === null) return null;
    if (refund.businessKey.split(':after:').length >= MAX_SYSTEM_REFUND_ATTEMPTS) {
      this.logger.error(`refund ${refund.id} of order ${refund.orderId}: no more attempts, the shopper is owed it`);
      return null;
    }
    return { businessKey: refund.businessKey, cause: refund.cause, reason: refund.reason };
  }

  private async fail(refund: OrderRefund, reason: string): Promise<void> {
    this.logger.error(`refund ${refund.id} of order ${refund.orderId} failed: ${reason}`);
    await this.db.transaction(async () => {
      const moved = await this.refunds.settle(refund.id, 'failed', {
        failReason: reason.slice(0, 500),
        settledAt: this.clock.now(),
      });
      if (!moved) return;
      await this.webhooks.record(refund.merchantId, 'refund.failed', {
        ...refundFacts(refund),
        status: 'failed',
        failReason: reason.slice(0, 500),
      });
      // Its gift-card part went back when it was asked for: that much of the order is refunded whatever happened here.
      if (refund.giftCardFen > 0) {
        const order = await this.transitions.lock({ id: refund.orderId });
        if (order) await this.transitions.addRefund(order, refund.id, refund.giftCardFen);
      }
      const owed = (await this.refunds.restRefundAfter(refund)) ?? this.askAgain(refund);
      if (owed) {
        await this.refundRest(
          { id: refund.orderId, merchantId: refund.merchantId },
          `${owed.businessKey}:after:${refund.id}`,
          owed.reason,
          owed.cause,
        );
      }
    });
  }
}

/** What a merchant's systems hear of a refund (webhooks). */
const refundFacts = (refund: OrderRefund) => ({
  refundId: refund.id,
  orderId: refund.orderId,
  outRefundNo: refund.outRefundNo,
  amountFen: refund.amountFen,
  giftCardFen: refund.giftCardFen,
  reason: refund.reason,
  cause: refund.cause,
});
