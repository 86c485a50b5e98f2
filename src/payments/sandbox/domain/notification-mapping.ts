/**
 * A verified, decrypted notification turned into the port's GatewayNotification. The signature proved who sent
 * it; this checks it is for our account and has the fields the event type promises. Any gap is an
 * InvalidNotificationError, so the webhook answers 4XX and nothing half-read is applied.
 */
import {
  GatewayNotification,
  InvalidNotificationError,
  RefundStatus,
  TradeState,
  TransferState,
} from '../../payment-gateway';
import type { VerifiedNotification } from '../../wechatpay/notification';

export interface AccountIdentity {
  appId: string;
  mchId: string;
}

const TRADE_STATES: readonly TradeState[] = ['NOTPAY', 'SUCCESS', 'REFUND', 'CLOSED', 'PAYERROR'];
const REFUND_STATUSES: readonly RefundStatus[] = ['PROCESSING', 'SUCCESS', 'CLOSED', 'ABNORMAL'];
const TRANSFER_STATES: readonly TransferState[] = [
  'ACCEPTED',
  'PROCESSING',
  'WAIT_USER_CONFIRM',
  'TRANSFERING',
  'CANCELING',
  'SUCCESS',
  'FAIL',
  'CANCELLED',
];

export function toGatewayNotification(verified: VerifiedNotification, account: AccountIdentity): GatewayNotification {
  const eventId = verified.id;
  if (verified.eventType === 'TRANSACTION.SUCCESS') {
    const resource = new ResourceReader(verified, 'transaction');
    resource.expectAccount('mchid', account.mchId, 'mchid_mismatch');
    resource.expectAccount('appid', account.appId, 'appid_mismatch');
    return {
      kind: 'transaction',
      eventId,
      transaction: {
        appid: resource.text('appid'),
        mchid: resource.text('mchid'),
        outTradeNo: resource.text('out_trade_no'),
        transactionId: resource.text('transaction_id'),
        tradeState: resource.oneOf('trade_state', TRADE_STATES),
        amountFen: resource.fen('amount', 'total'),
        payerOpenid: resource.nested('payer', 'openid'),
        successTime: resource.time('success_time'),
      },
    };
  }
  if (verified.eventType.startsWith('REFUND.')) {
    const resource = new ResourceReader(verified, 'refund');
    resource.expectAccount('mchid', account.mchId, 'mchid_mismatch');
    return {
      kind: 'refund',
      eventId,
      refund: {
        outRefundNo: resource.text('out_refund_no'),
        refundId: resource.text('refund_id'),
        outTradeNo: resource.text('out_trade_no'),
        status: resource.oneOf('refund_status', REFUND_STATUSES),
        amountFen: resource.fen('amount', 'refund'),
        successTime: resource.time('success_time'),
      },
    };
  }
  if (verified.eventType === 'MCHTRANSFER.BILL.FINISHED') {
    const resource = new ResourceReader(verified, 'mch_payment');
    resource.expectAccount('mchid', account.mchId, 'mchid_mismatch');
    return {
      kind: 'transfer',
      eventId,
      transfer: {
        outBillNo: resource.text('out_bill_no'),
        transferBillNo: resource.text('transfer_bill_no'),
        state: resource.oneOf('state', TRANSFER_STATES),
        amountFen: resource.fen('transfer_amount'),
        openid: resource.text('openid'),
        failReason: resource.optionalText('fail_reason'),
      },
    };
  }
  throw new InvalidNotificationError('unsupported_event_type');
}

/** Typed reads of the decrypted JSON; the first missing or mistyped field refuses the whole notification. */
class ResourceReader {
  private readonly fields: Record<string, unknown>;

  constructor(verified: VerifiedNotification, expectedOriginalType: string) {
    if (verified.originalType !== expectedOriginalType || !isRecord(verified.resource)) {
      throw new InvalidNotificationError('malformed_resource');
    }
    this.fields = verified.resource;
  }

  expectAccount(field: string, expected: string, reason: string): void {
    if (this.text(field) !== expected) throw new InvalidNotificationError(reason);
  }

  text(field: string): string {
    const value = this.fields[field];
    if (typeof value !== 'string' || value.length === 0) throw new InvalidNotificationError('malformed_resource');
    return value;
  }

  optionalText(field: string): string | null {
    const value = this.fields[field];
    if (value === undefined || value === null || value === '') return null;
    if (typeof value !== 'string') throw new InvalidNotificationError('malformed_resource');
    return value;
  }

  nested(object: string, field: string): string {
    const inner = this.fields[object];
    const value = isRecord(inner) ? inner[field] : undefined;
    if (typeof value !== 'string' || value.length === 0) throw new InvalidNotificationError('malformed_resource');
    return value;
  }

  /** Integer fen, read from a top-level field or one level down (`amount.total`). */
  fen(field: string, inner?: string): number {
    const outer = this.fields[field];
    const value = inner === undefined ? outer : isRecord(outer) ? outer[inner] : undefined;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
      throw new InvalidNotificationError('malformed_resource');
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T {
    const value = this.fields[field];
    if (!allowed.includes(value as T)) throw new InvalidNotificationError('malformed_resource');
    return value as T;
  }

  /** An RFC 3339 instant, or null when absent (a refund not yet succeeded has no success_time). */
  time(field: string): Date | null {
    const value = this.fields[field];
    if (value === undefined || value === null || value === '') return null;
    const parsed = typeof value === 'string' ? new Date(value) : new Date(Number.NaN);
    if (Number.isNaN(parsed.getTime())) throw new InvalidNotificationError('malformed_resource');
    return parsed;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
