import { Injectable, OnModuleInit } from '@nestjs/common';
import { In } from 'typeorm';
import { Clock } from '../../../platform/clock/clock';
import { Db } from '../../../platform/database/db';
import { JobRunner } from '../../../platform/jobs/job-runner';
import { SandboxDeliveryQueue } from '../delivery/sandbox-delivery-queue';
import { refundSucceeded, transferFinished } from '../domain/sandbox-events';
import { SandboxRefund } from '../entities/sandbox-refund.entity';
import { SandboxTransaction } from '../entities/sandbox-transaction.entity';
import { SandboxTransfer } from '../entities/sandbox-transfer.entity';
import { SandboxKeyStore } from '../sandbox-key-store';
import { SandboxSettings } from '../sandbox-settings';

export const SANDBOX_SETTLE_JOB = 'sandbox.settle';

const BATCH = 100;

export interface SettlementRunSummary {
  refunds: number;
  transfers: number;
}

/**
 * The provider's back office: PROCESSING refunds and ACCEPTED transfers succeed once settleDelayMs has passed
 * on the Clock, each with its notification enqueued in the same transaction as the state change.
 */
@Injectable()
export class SandboxSettlementJob implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly jobs: JobRunner,
    private readonly keyStore: SandboxKeyStore,
    private readonly settings: SandboxSettings,
    private readonly deliveries: SandboxDeliveryQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register(SANDBOX_SETTLE_JOB, () => this.run());
  }

  async run(): Promise<SettlementRunSummary> {
    return { refunds: await this.settleRefunds(), transfers: await this.settleTransfers() };
  }

  private settleRefunds(): Promise<number> {
    return this.db.transaction(async () => {
      const now = this.clock.now();
      const settled = await this.db.query<{ outRefundNo: string }>(
        `UPDATE sandbox_refunds SET status = 'SUCCESS', success_time = $1
         WHERE out_refund_no IN (SELECT out_refund_no FROM sandbox_refunds WHERE status = 'PROCESSING' AND created_at <= $2
                                 ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING out_refund_no AS "outRefundNo"`,
        [now, this.dueBefore(now)],
      );
      if (settled.length === 0) return 0;
      const refunds = await this.db.repo(SandboxRefund).findBy({ outRefundNo: In(settled.map((r) => r.outRefundNo)) });
      const trades = await this.db
        .repo(SandboxTransaction)
        .findBy({ outTradeNo: In([...new Set(refunds.map((refund) => refund.outTradeNo))]) });
      const tradeOf = new Map(trades.map((trade) => [trade.outTradeNo, trade]));
      for (const refund of refunds) {
        const trade = tradeOf.get(refund.outTradeNo);
        if (!trade) throw new Error(`sandbox: refund ${refund.outRefundNo} names unknown trade ${refund.outTradeNo}`);
        await this.deliveries.enqueue(refundSucceeded(refund, trade));
      }
      return refunds.length;
    });
  }

  private settleTransfers(): Promise<number> {
    return this.db.transaction(async () => {
      const now = this.clock.now();
      const settled = await this.db.query<{ outBillNo: string }>(
        `UPDATE sandbox_transfers SET state = 'SUCCESS', updated_at = $1
         WHERE out_bill_no IN (SELECT out_bill_no FROM sandbox_transfers WHERE state = 'ACCEPTED' AND created_at <= $2
                               ORDER BY created_at LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
         RETURNING out_bill_no AS "outBillNo"`,
        [now, this.dueBefore(now)],
      );
      if (settled.length === 0) return 0;
      const { mchId } = await this.keyStore.keys();
      const transfers = await this.db.repo(SandboxTransfer).findBy({ outBillNo: In(settled.map((t) => t.outBillNo)) });
      for (const transfer of transfers) await this.deliveries.enqueue(transferFinished(transfer, mchId));
      return transfers.length;
    });
  }

  private dueBefore(now: Date): Date {
    return new Date(now.getTime() - this.settings.current().settleDelayMs);
  }
}
