import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { GatewayError, GatewayTransaction, PaymentGateway } from '../../payments/payment-gateway';
import { latePaymentRefundKey } from './domain/out-numbers';
import { Order } from './order.entity';
import { OrdersRepository } from './orders.repository';
import { OrderRefundsService } from './order-refunds.service';
import { OrderTransitions } from './order-transitions';
import { paymentUnavailable } from './orders.errors';

export type PaymentOutcome = 'paid' | 'duplicate' | 'refunded_late' | 'amount_mismatch' | 'unknown_order' | 'not_paid';

/**
 * What a payment seen at the provider (a verified notification, or a query) does to its order. Deadlines are
 * exact: money that arrives for an order past its deadline, or already cancelled, is refunded in full rather
 * than accepted (its stock or seat may already be someone else's).
 */
@Injectable()
export class OrderPaymentsService {
  private readonly logger = new Logger(OrderPaymentsService.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly gateway: PaymentGateway,
    private readonly transitions: OrderTransitions,
    private readonly refunds: OrderRefundsService,
    private readonly orders: OrdersRepository,
  ) {}

  async applyTransaction(transaction: GatewayTransaction): Promise<PaymentOutcome> {
    if (transaction.tradeState !== 'SUCCESS' && transaction.tradeState !== 'REFUND') return 'not_paid';
    return this.db.transaction(async () => {
      const order = await this.transitions.lock({ outTradeNo: transaction.outTradeNo });
      if (!order) {
        this.logger.warn(`payment for unknown out_trade_no ${transaction.outTradeNo}`);
        return 'unknown_order';
      }
      if (transaction.amountFen !== order.totalFen) {
        this.logger.error(
          `payment amount ${transaction.amountFen} differs from order ${order.id} total ${order.totalFen}: not marked paid`,
        );
        return 'amount_mismatch';
      }
      if (order.status === 'pending_payment' && this.clock.now() <= order.expiresAt) {
        await this.transitions.markPaid(order, transaction.transactionId, transaction.successTime ?? this.clock.now());
        return 'paid';
      }
      if (order.status === 'pending_payment' || order.status === 'cancelled') {
        await this.transitions.markCancelled(order, 'expired');
        await this.refunds.refundRest(
          order,
          latePaymentRefundKey(order.id),
          'Paid after the order closed',
          'late_payment',
        );
        return 'refunded_late';
      }
      return 'duplicate';
    });
  }

  /**
   * Closes an unpaid order at the provider, then cancels it here. If the provider says it was paid in the
   * meantime, the payment is applied instead (and refunded if the deadline has passed). Returns whether the
   * order ended cancelled.
   */
  async closeAndCancel(order: Order, reason: string): Promise<boolean> {
    try {
      await this.gateway.closeOrder(order.outTradeNo);
    } catch (error) {
      if (error instanceof GatewayError && error.code === 'ORDER_PAID') {
        const transaction = await this.gateway.queryOrder(order.outTradeNo);
        if (transaction) await this.applyTransaction(transaction);
        return false;
      }
      if (error instanceof GatewayError) throw paymentUnavailable(error.code);
      throw error;
    }
    return this.db.transaction(async () => {
      const locked = await this.transitions.lock({ id: order.id });
      return locked !== null && (await this.transitions.markCancelled(locked, reason));
    });
  }

  /**
   * An order whose provider order was never confirmed to us (the create call failed, went unanswered, or this
   * process stopped before storing it): nobody can have its payParams, so it is closed at the provider and
   * cancelled, which releases what it held. Throws paymentUnavailable when the provider cannot be reached.
   */
  abandonUnprepared(order: Order): Promise<boolean> {
    return this.closeAndCancel(order, this.clock.now() >= order.expiresAt ? 'expired' : 'payment_unavailable');
  }

  /** abandonUnprepared, or when the provider cannot be reached for that either, the order left to reconciliation. */
  async abandonOrReconcile(order: Order): Promise<void> {
    try {
      await this.abandonUnprepared(order);
    } catch (error) {
      this.logger.warn(`order ${order.id} left for reconciliation: ${(error as Error).message}`);
      await this.reconcileNow(order.id);
    }
  }

  /** Makes the reconciliation job ask the provider about an order at its next run. */
  async reconcileNow(orderId: string): Promise<void> {
    await this.orders.reconcileAt(orderId, this.clock.now());
  }
}
