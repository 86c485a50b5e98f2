import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { notFound } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { OutboxEvent, OutboxService } from '../../platform/outbox/outbox.service';
import { GatewayError, GatewayRefund, PaymentGateway } from '../../payments/payment-gateway';
import { refundableFen } from './domain/order-status';
import { REFUNDS_HOLDING_MONEY, REFUND_LIFECYCLE } from './domain/refund-lifecycle';
import { idFromKey } from '../../platform/ids/id-from-key';
import { outRefundNoFor } from './domain/out-numbers';
import { RefundDto } from './dto/refund.dto';
import { OrderRefund, RefundCause } from './order-refund.entity';
import { OrderTransitions } from './order-transitions';
import { refundExceedsPaid } from './orders.errors';
import { claimDue } from '../../platform/jobs/claim-due';

export const REFUND_REQUESTED = 'refund.requested';
/** How long after a request the reconciliation job first asks the provider about a refund. */
const RECONCILE_AFTER_MS = 60_000;

/**
 * Refunds of paid orders: asked for by the merchant (partial allowed, never beyond what was paid, concurrent
 * requests serialized on the order row) or by the system for one business event (a late payment, a failed
 * group). Each is a row first, submitted to the provider by the outbox with an out_refund_no derived from
 * the row, and counted on the order when the provider says it succeeded.
 */
@Injectable()
export class OrderRefundsService implements OnModuleInit {
  private readonly logger = new Logger(OrderRefundsService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly outbox: OutboxService,
    private readonly gateway: PaymentGateway,
    private readonly transitions: OrderTransitions,
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
      return RefundDto.from((await this.insert(order.id, merchantId, amountFen, reason, 'merchant', null))!);
    });
  }

  /**
   * What may still be refunded of an order whose money arrived: its total less the refunds that succeeded and
   * those still in flight (a refund being processed is money already asked back). The one place every refunder
   * reads it from; the caller holds the order row lock, so two refunders never both count the same rest.
   */
  async refundableRest(order: { id: string; totalFen: number }): Promise<number> {
    return refundableFen(order.totalFen, await this.heldFen(order.id));
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
      const inserted = await this.insert(order.id, order.merchantId, rest, reason, cause, businessKey);
      return inserted ? rest : 0;
    });
  }

  /** Applies what the provider says of a refund (notification or query). Duplicates change nothing. */
  async applyResult(result: GatewayRefund): Promise<void> {
    await this.db.transaction(async () => {
      const refund = await this.db
        .repo(OrderRefund)
        .createQueryBuilder('r')
        .setLock('pessimistic_write')
        .where({ outRefundNo: result.outRefundNo })
        .getOne();
      if (!refund) {
        this.logger.warn(`refund result for unknown out_refund_no ${result.outRefundNo}`);
        return;
      }
      const now = this.clock.now();
      if (result.status === 'SUCCESS') {
        const settled = await REFUND_LIFECYCLE.move(this.db, {
          to: 'succeeded',
          where: { id: refund.id },
          set: { refund_id: result.refundId, settled_at: result.successTime ?? now },
        });
        if (settled.length === 0) return;
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
    const rows = await claimDue<{ id: string }>(this.db, {
      table: 'order_refunds',
      dueColumn: 'reconcile_after',
      where: `status = 'processing'`,
      now,
      nextAt: new Date(now.getTime() + RECONCILE_AFTER_MS),
      limit,
      returning: 'id',
    });
    if (rows.length === 0) return [];
    return this.db
      .repo(OrderRefund)
      .createQueryBuilder('r')
      .where('r.id IN (:...ids)', { ids: rows.map((r) => r.id) })
      .getMany();
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
    const refund = await this.db.repo(OrderRefund).findOneBy({ id: refundId });
    if (!refund || refund.status !== 'processing') return;
    const order = await this.db.query<{ out_trade_no: string; total_fen: string }>(
      'SELECT out_trade_no, total_fen FROM orders WHERE id = $1',
      [refund.orderId],
    );
    try {
      const result = await this.gateway.refund({
        outTradeNo: order[0].out_trade_no,
        outRefundNo: refund.outRefundNo,
        amountFen: refund.amountFen,
        totalFen: Number(order[0].total_fen),
        reason: refund.reason,
      });
      await this.db.query('UPDATE order_refunds SET refund_id = $2 WHERE id = $1 AND refund_id IS NULL', [
        refund.id,
        result.refundId,
      ]);
      if (result.status !== 'PROCESSING') await this.applyResult(result);
    } catch (error) {
      if (error instanceof GatewayError && !error.retryable) {
        await this.fail(refund, error.message);
        return;
      }
      throw error; // the outbox tries again with the same out_refund_no
    }
  }

  /** The refund row and its outbox event; null when one for this business key exists already. */
  private async insert(
    orderId: string,
    merchantId: string,
    amountFen: number,
    reason: string,
    cause: RefundCause,
    businessKey: string | null,
  ): Promise<OrderRefund | null> {
    const id = businessKey ? idFromKey(businessKey) : randomUUID();
    const now = this.clock.now();
    const [status] = REFUND_LIFECYCLE.initial;
    const refund = this.db.repo(OrderRefund).create({
      id,
      orderId,
      merchantId,
      outRefundNo: outRefundNoFor(id),
      businessKey,
      cause,
      amountFen,
      reason,
      status,
      refundId: null,
      failReason: null,
      reconcileAfter: new Date(now.getTime() + RECONCILE_AFTER_MS),
      createdAt: now,
      settledAt: null,
    });
    const inserted = await this.db.query(
      `INSERT INTO order_refunds (id, order_id, merchant_id, out_refund_no, business_key, cause, amount_fen, reason,
                                  status, reconcile_after, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT DO NOTHING RETURNING id`,
      [
        id,
        orderId,
        merchantId,
        refund.outRefundNo,
        businessKey,
        cause,
        amountFen,
        reason,
        status,
        refund.reconcileAfter,
        now,
      ],
    );
    if (inserted.length === 0) return null;
    await this.outbox.publish(REFUND_REQUESTED, { refundId: id, orderId });
    return refund;
  }

  private async heldFen(orderId: string): Promise<number> {
    const [row] = await this.db.query<{ held: string }>(
      `SELECT coalesce(sum(amount_fen), 0) AS held FROM order_refunds WHERE order_id = $1 AND status = ANY($2)`,
      [orderId, REFUNDS_HOLDING_MONEY],
    );
    return Number(row.held);
  }

  /**
   * A refund the provider refused or closed: surfaced as `failed` with its reason, for the merchant and operators.
   * A refund of the whole rest asked for while this one was in flight (a failed room, a late payment) counted it
   * as money going back; now that it is not, what it held is owed too, and asked back once.
   */
  private async fail(refund: OrderRefund, reason: string): Promise<void> {
    this.logger.error(`refund ${refund.id} of order ${refund.orderId} failed: ${reason}`);
    await this.db.transaction(async () => {
      const moved = await REFUND_LIFECYCLE.move(this.db, {
        to: 'failed',
        where: { id: refund.id },
        set: { fail_reason: reason.slice(0, 500), settled_at: this.clock.now() },
      });
      if (moved.length === 0) return;
      const [owed] = await this.db.query<{ business_key: string; cause: RefundCause; reason: string }>(
        `SELECT business_key, cause, reason FROM order_refunds
         WHERE order_id = $1 AND id <> $2 AND business_key IS NOT NULL AND cause <> 'merchant' AND created_at >= $3
         ORDER BY created_at LIMIT 1`,
        [refund.orderId, refund.id, refund.createdAt],
      );
      if (owed) {
        await this.refundRest(
          { id: refund.orderId, merchantId: refund.merchantId },
          `${owed.business_key}:after:${refund.id}`,
          owed.reason,
          owed.cause,
        );
      }
    });
  }
}
