import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { PaymentGateway } from '../../../payments/payment-gateway';
import { OrderPaymentsService } from '../order-payments.service';
import { OrderRefundsService } from '../order-refunds.service';
import { OrdersRepository } from '../orders.repository';

const BATCH = 50;
const ASK_AGAIN_AFTER_MS = 60_000;

/**
 * Recovers from lost notifications: unpaid orders that have waited a while and refunds still processing are
 * looked up at the provider and settled from what it says. It also settles orders whose provider order was never
 * confirmed (the create call failed or timed out): they are closed at the provider, then cancelled.
 */
@Injectable()
export class PaymentReconciliationJob implements OnModuleInit {
  private readonly logger = new Logger(PaymentReconciliationJob.name);

  constructor(
    private readonly ordersRepository: OrdersRepository,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly gateway: PaymentGateway,
    private readonly payments: OrderPaymentsService,
    private readonly refunds: OrderRefundsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('payments.reconcile', () => this.run());
  }

  async run(): Promise<{ orders: number; refunds: number }> {
    const now = this.clock.now();
    const orders = await this.ordersRepository.claimUnpaidForReconciliation(
      now,
      new Date(now.getTime() + ASK_AGAIN_AFTER_MS),
      BATCH,
    );
    for (const { id, out_trade_no, prepay_id } of orders) {
      try {
        const transaction = await this.gateway.queryOrder(out_trade_no);
        const outcome = transaction ? await this.payments.applyTransaction(transaction) : 'not_paid';
        // Unpaid, and its payParams never stored: no one can pay it, so it is closed and cancelled now.
        if (outcome === 'not_paid' && prepay_id === null) {
          const order = await this.ordersRepository.pendingById(id);
          if (order) await this.payments.abandonUnprepared(order);
        }
      } catch (error) {
        this.logger.warn(`reconciling order ${out_trade_no}: ${(error as Error).message}`);
      }
    }
    const refunds = await this.refunds.dueForReconciliation(BATCH);
    for (const refund of refunds) {
      try {
        await this.refunds.reconcile(refund);
      } catch (error) {
        this.logger.warn(`reconciling refund ${refund.outRefundNo}: ${(error as Error).message}`);
      }
    }
    return { orders: orders.length, refunds: refunds.length };
  }
}
