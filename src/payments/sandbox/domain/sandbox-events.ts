/** The notifications the sandbox owes the merchant, built from its own rows. */
import type { NotificationEventType, ResourceOriginalType } from '../../wechatpay/notification';
import { rfc3339China } from '../../wechatpay/notification';
import type { SandboxRefund } from '../entities/sandbox-refund.entity';
import type { SandboxTransaction } from '../entities/sandbox-transaction.entity';
import type { SandboxTransfer } from '../entities/sandbox-transfer.entity';
import type { RefundResource, TransactionResource, TransferBillResource } from './wechatpay-resources';

export interface SandboxEvent {
  eventType: NotificationEventType;
  originalType: ResourceOriginalType;
  summary: string;
  resource: TransactionResource | RefundResource | TransferBillResource;
}

/** What a paid order's notification needs; transaction_id and success_time are set by then. */
export type PaidTrade = Pick<
  SandboxTransaction,
  'appid' | 'mchid' | 'outTradeNo' | 'amountFen' | 'payerOpenid' | 'attach' | 'tradeState'
> & { transactionId: string; successTime: Date };

/** Where refunds land in the sandbox: the payer's balance, as for a balance payment. */
const USER_RECEIVED_ACCOUNT = '支付用户零钱';

export function transactionSucceeded(trade: PaidTrade): SandboxEvent {
  return {
    eventType: 'TRANSACTION.SUCCESS',
    originalType: 'transaction',
    summary: '支付成功',
    resource: {
      appid: trade.appid,
      mchid: trade.mchid,
      out_trade_no: trade.outTradeNo,
      transaction_id: trade.transactionId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: trade.attach ?? '',
      success_time: rfc3339China(trade.successTime),
      payer: { openid: trade.payerOpenid },
      amount: { total: trade.amountFen, payer_total: trade.amountFen, currency: 'CNY', payer_currency: 'CNY' },
    },
  };
}

export function refundSucceeded(
  refund: Pick<SandboxRefund, 'outRefundNo' | 'refundId' | 'outTradeNo' | 'amountFen' | 'totalFen' | 'successTime'>,
  trade: Pick<SandboxTransaction, 'mchid' | 'transactionId'>,
): SandboxEvent {
  const resource: RefundResource = {
    mchid: trade.mchid,
    transaction_id: trade.transactionId ?? '',
    out_trade_no: refund.outTradeNo,
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    refund_status: 'SUCCESS',
    user_received_account: USER_RECEIVED_ACCOUNT,
    amount: {
      total: refund.totalFen,
      refund: refund.amountFen,
      payer_total: refund.totalFen,
      payer_refund: refund.amountFen,
    },
  };
  if (refund.successTime) resource.success_time = rfc3339China(refund.successTime);
  return { eventType: 'REFUND.SUCCESS', originalType: 'refund', summary: '退款成功', resource };
}

export function transferFinished(
  transfer: Pick<
    SandboxTransfer,
    'outBillNo' | 'transferBillNo' | 'state' | 'amountFen' | 'failReason' | 'openid' | 'createdAt' | 'updatedAt'
  >,
  mchid: string,
): SandboxEvent {
  const resource: TransferBillResource = {
    mchid,
    out_bill_no: transfer.outBillNo,
    transfer_bill_no: transfer.transferBillNo,
    state: transfer.state,
    transfer_amount: transfer.amountFen,
    openid: transfer.openid,
    create_time: rfc3339China(transfer.createdAt),
    update_time: rfc3339China(transfer.updatedAt),
  };
  if (transfer.failReason) resource.fail_reason = transfer.failReason;
  return {
    eventType: 'MCHTRANSFER.BILL.FINISHED',
    originalType: 'mch_payment',
    summary: '商家转账单据终态通知',
    resource,
  };
}

const ORIGINAL_TYPE_OF: Readonly<Record<NotificationEventType, ResourceOriginalType>> = {
  'TRANSACTION.SUCCESS': 'transaction',
  'REFUND.SUCCESS': 'refund',
  'REFUND.ABNORMAL': 'refund',
  'REFUND.CLOSED': 'refund',
  'MCHTRANSFER.BILL.FINISHED': 'mch_payment',
};

/** A stored event type, checked: rows are ours, but a typo in one must not send a notification nobody can parse. */
export function knownEvent(
  eventType: string,
  originalType: string,
): { eventType: NotificationEventType; originalType: ResourceOriginalType } {
  if (!Object.hasOwn(ORIGINAL_TYPE_OF, eventType)) throw new Error(`sandbox: unknown event type ${eventType}`);
  const known = eventType as NotificationEventType;
  if (ORIGINAL_TYPE_OF[known] !== originalType) {
    throw new Error(`sandbox: ${eventType} cannot carry original_type ${originalType}`);
  }
  return { eventType: known, originalType: ORIGINAL_TYPE_OF[known] };
}
