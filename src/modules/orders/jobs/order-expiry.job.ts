import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { OrderPaymentsService } from '../order-payments.service';
import { OrdersRepository } from '../orders.repository';

const BATCH = 100;

/**
 * Closes unpaid orders past their deadline: at the provider first, then here (`cancelled`, reason `expired`).
 * The provider's round trip is made with no transaction open; the cancel is a conditional move with the row
 * locked, so instances that pick the same order close it twice at the provider (harmless: closing is re-entrant)
 * and cancel it once. An order the provider cannot close now is skipped until the next run.
 */
@Injectable()
export class OrderExpiryJob implements OnModuleInit {
  private readonly logger = new Logger(OrderExpiryJob.name);

  constructor(
    private readonly orders: OrdersRepository,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly payments: OrderPaymentsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('orders.expire', () => this.run());
  }

  /** Returns how many orders it cancelled. */
  async run(): Promise<number> {
    const due = await this.orders.expiredUnpaid(this.clock.now(), BATCH);
    let cancelled = 0;
    for (const order of due) {
      try {
        if (await this.payments.closeAndCancel(order, 'expired')) cancelled++;
      } catch (error) {
        this.logger.warn(`could not expire order ${order.id}: ${(error as Error).message}`);
      }
    }
    return cancelled;
  }
}
