import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import { DomainError } from '../../platform/errors/domain-error';
import { PaymentPreparation } from '../preparation/payment-preparation';
import { SandboxDeliveryQueue } from './delivery/sandbox-delivery-queue';
import { newTransactionId } from './domain/sandbox-ids';
import { transactionSucceeded } from './domain/sandbox-events';
import { effectiveTradeState, isPaidState } from './domain/trade-state';
import { SandboxTransaction } from './entities/sandbox-transaction.entity';

export type SimulatedPaymentResult = 'success' | 'failed';

const orderNotExist = (outTradeNo: string) => new DomainError('ORDER_NOT_EXIST', `No sandbox order ${outTradeNo}`);
const orderClosed = () => new DomainError('ORDER_CLOSED', 'The order is closed or past its time_expire');
const orderPaid = () => new DomainError('ORDER_PAID', 'The order is already paid');
const payerMismatch = () =>
  new DomainError('PAYER_MISMATCH', "下单账号与支付账号不一致，请核实后再支付: only the order's payer can pay it");

/**
 * The shopper's side of wx.requestPayment: pays (or fails to pay) an open order at the provider. A success is
 * SUCCESS at the provider plus a TRANSACTION.SUCCESS notification queued in the same transaction; the
 * merchant's order changes only when its webhook accepts that notification. A named payer (`payerOpenid`) must be
 * the order's, as WeChat Pay checks the paying user against the order's payer.openid; null pays as the order's own.
 */
@Injectable()
export class SandboxShopper {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly deliveries: SandboxDeliveryQueue,
    private readonly preparation: PaymentPreparation,
  ) {}

  async pay(outTradeNo: string, payerOpenid: string | null, result: SimulatedPaymentResult): Promise<void> {
    if (!(await this.db.repo(SandboxTransaction).existsBy({ outTradeNo }))) {
      await this.openAtMerchant(outTradeNo, payerOpenid);
    }
    await this.db.transaction(async () => {
      const now = this.clock.now();
      const trade = await this.db
        .repo(SandboxTransaction)
        .findOne({ where: { outTradeNo }, lock: { mode: 'pessimistic_write' } });
      if (!trade) throw orderNotExist(outTradeNo);
      if (payerOpenid !== null && trade.payerOpenid !== payerOpenid) throw payerMismatch();
      const state = effectiveTradeState(trade, now);
      if (state === 'CLOSED') throw orderClosed();
      if (isPaidState(state)) throw orderPaid();
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

  /**
   * An order the provider has not seen: the shopper's app opens it at the merchant first, which prepares its
   * payment (a flash sale's orders are written without one). Outside any transaction: preparing calls the provider.
   */
  private async openAtMerchant(outTradeNo: string, payerOpenid: string | null): Promise<void> {
    const opened = await this.preparation.open(outTradeNo);
    if (!opened) throw orderNotExist(outTradeNo);
    if (payerOpenid !== null && opened.payerOpenid !== payerOpenid) throw payerMismatch();
    if (opened.state === 'closed') throw orderClosed();
    if (opened.state === 'paid') throw orderPaid();
  }
}
