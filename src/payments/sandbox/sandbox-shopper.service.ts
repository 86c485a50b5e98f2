import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { DomainError } from '../../platform/errors/domain-error';
import { SandboxDeliveryQueue } from './delivery/sandbox-delivery-queue';
import { newTransactionId } from './domain/sandbox-ids';
import { transactionSucceeded } from './domain/sandbox-events';
import { effectiveTradeState, isPaidState } from './domain/trade-state';
import { SandboxTransaction } from './entities/sandbox-transaction.entity';

export type SimulatedPaymentResult = 'success' | 'failed';

/**
 * The shopper's side of wx.requestPayment: pays (or fails to pay) an open order at the provider. A success is
 * SUCCESS at the provider plus a TRANSACTION.SUCCESS notification queued in the same transaction; the
 * merchant's order changes only when its webhook accepts that notification.
 */
@Injectable()
export class SandboxShopper {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deliveries: SandboxDeliveryQueue,
  ) {}

  pay(outTradeNo: string, result: SimulatedPaymentResult): Promise<void> {
    return this.db.transaction(async () => {
      const now = this.clock.now();
      const trade = await this.db
        .repo(SandboxTransaction)
        .findOne({ where: { outTradeNo }, lock: { mode: 'pessimistic_write' } });
      if (!trade) throw new DomainError('ORDER_NOT_EXIST', `No sandbox order ${outTradeNo}`);
      const state = effectiveTradeState(trade, now);
      if (state === 'CLOSED') throw new DomainError('ORDER_CLOSED', 'The order is closed or past its time_expire');
      if (isPaidState(state)) throw new DomainError('ORDER_PAID', 'The order is already paid');
      // A failed attempt (balance, cancel) leaves NOTPAY, and WeChat Pay notifies basic payments only on SUCCESS.
      if (result === 'failed') return;

      const paid = { ...trade, tradeState: 'SUCCESS' as const, transactionId: newTransactionId(now), successTime: now };
      await this.db
        .repo(SandboxTransaction)
        .update(
          { outTradeNo, tradeState: 'NOTPAY' },
          { tradeState: 'SUCCESS', transactionId: paid.transactionId, successTime: now, updatedAt: now },
        );
      await this.deliveries.enqueue(transactionSucceeded(paid));
    });
  }
}
