import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Clock } from '../../../platform/clock/clock';
import { Db } from '../../../platform/database/db';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { OrderPaymentsService } from '../order-payments.service';
import { Order } from '../order.entity';

const BATCH = 100;

/**
 * Closes unpaid orders past their deadline: at the provider first, then here (`cancelled`, reason `expired`),
 * one order per transaction with its row locked, SKIP LOCKED so instances share the work.
 */
@Injectable()
export class OrderExpiryJob implements OnModuleInit {
  private readonly logger = new Logger(OrderExpiryJob.name);

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly payments: OrderPaymentsService,
  ) {}

  onModuleInit(): void {
    this.jobs.register('orders.expire', () => this.run());
  }

  /** Returns how many orders it dealt with. */
  async run(): Promise<number> {
    const skipped: string[] = [];
    let handled = 0;
    while (handled + skipped.length < BATCH) {
      let claimedId: string | null = null;
      try {
        const claimed = await this.db.transaction(async () => {
          const order = await this.db
            .repo(Order)
            .createQueryBuilder('o')
            .setLock('pessimistic_write')
            .setOnLocked('skip_locked')
            .where("o.status = 'pending_payment' AND o.expires_at < :now", { now: this.clock.now() })
            .andWhere(skipped.length ? 'o.id NOT IN (:...skipped)' : 'TRUE', { skipped })
            .orderBy('o.expires_at')
            .getOne();
          if (!order) return false;
          claimedId = order.id;
          await this.payments.closeAndCancel(order, 'expired');
          return true;
        });
        if (!claimed) break;
        handled++;
      } catch (error) {
        if (!claimedId) throw error;
        skipped.push(claimedId);
        this.logger.warn(`could not expire order ${claimedId}: ${(error as Error).message}`);
      }
    }
    return handled;
  }
}
