/**
 * A verified, decrypted notification turned into the port's GatewayNotification. The signature proved who sent
 * it; this checks it is for our account and has the fields the event type promises. Any gap is an
 * InvalidNotificationError, so the webhook answers 4XX and nothing half-read is applied.
 */
import {
  GatewayNotification,
  InvalidNotificationError,
  REFUND_STATUSES,
  TRADE_STATES,
  TRANSFER_STATES,
} from '../payment-gateway';
import { NotificationVerificationError, VerifiedNotification, verifyNotification } from './notification';
import { isRecord, ResourceReader } from './resource-reader';

export interface AccountIdentity {
  appId: string;
  mchId: string;
}

export interface NotificationKeys extends AccountIdentity {
  platformPublicKeyPem: string;
  platformSerial: string;
  apiV3Key: string;
}

/**
 * A notification as the port gives it: verified and decrypted as a merchant SDK does, then mapped. Only refusals of
 * the input become InvalidNotificationError; a broken key of our own is a real error.
 */
export function parseNotification(
  headers: Record<string, string | string[] | undefined>,
  rawBody: Buffer,
  keys: NotificationKeys,
  now: Date,
): GatewayNotification {
  try {
    const verified = verifyNotification({ headers, rawBody, ...keys, now });
    return toGatewayNotification(verified, keys);
  } catch (error) {
    if (error instanceof NotificationVerificationError) throw new InvalidNotificationError(error.reason);
    throw error;
  }
}

export function toGatewayNotification(verified: VerifiedNotification, account: AccountIdentity): GatewayNotification {
  const eventId = verified.id;
  if (verified.eventType === 'TRANSACTION.SUCCESS') {
    const resource = resourceOf(verified, 'transaction');
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
    const resource = resourceOf(verified, 'refund');
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
    const resource = resourceOf(verified, 'mch_payment');
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

/** The resource of the expected original_type; any gap refuses the notification as malformed. */
function resourceOf(verified: VerifiedNotification, expectedOriginalType: string): NotificationResource {
  if (verified.originalType !== expectedOriginalType || !isRecord(verified.resource)) {
    throw new InvalidNotificationError('malformed_resource');
  }
  return new NotificationResource(verified.resource, () => new InvalidNotificationError('malformed_resource'));
}

class NotificationResource extends ResourceReader {
  expectAccount(field: string, expected: string, reason: string): void {
    if (this.text(field) !== expected) throw new InvalidNotificationError(reason);
  }
}
