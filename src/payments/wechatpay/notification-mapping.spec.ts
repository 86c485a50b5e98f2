import { InvalidNotificationError } from '../payment-gateway';
import type { VerifiedNotification } from './notification';
import { toGatewayNotification } from './notification-mapping';
import {
  refundSucceeded,
  SandboxEvent,
  transactionSucceeded,
  transferFinished,
} from '../sandbox/domain/sandbox-events';

const ACCOUNT = { appId: 'wx0123456789abcdef', mchId: '1900000001' };
const PAID_AT = new Date('2026-11-21T12:00:00Z');

const verified = (event: SandboxEvent, id = 'EV-1'): VerifiedNotification => ({
  id,
  eventType: event.eventType,
  createTime: '2026-11-21T20:00:00+08:00',
  summary: event.summary,
  originalType: event.originalType,
  resource: JSON.parse(JSON.stringify(event.resource)),
});

const paidTrade = {
  appid: ACCOUNT.appId,
  mchid: ACCOUNT.mchId,
  outTradeNo: 'ORDER_000001',
  amountFen: 2500,
  payerOpenid: 'o-shopper',
  attach: null,
  tradeState: 'SUCCESS' as const,
  transactionId: '4200001234202611210123456789',
  successTime: PAID_AT,
};

const reason = (run: () => unknown): string | undefined => {
  try {
    run();
  } catch (error) {
    if (error instanceof InvalidNotificationError) return error.reason;
    throw error;
  }
  return undefined;
};

describe('toGatewayNotification', () => {
  it('maps a TRANSACTION.SUCCESS resource, amounts as numbers and times as instants', () => {
    expect(toGatewayNotification(verified(transactionSucceeded(paidTrade)), ACCOUNT)).toEqual({
      kind: 'transaction',
      eventId: 'EV-1',
      transaction: {
        appid: ACCOUNT.appId,
        mchid: ACCOUNT.mchId,
        outTradeNo: 'ORDER_000001',
        transactionId: '4200001234202611210123456789',
        tradeState: 'SUCCESS',
        amountFen: 2500,
        payerOpenid: 'o-shopper',
        successTime: PAID_AT,
      },
    });
  });

  it('maps a REFUND.SUCCESS resource', () => {
    const event = refundSucceeded(
      {
        outRefundNo: 'R1',
        refundId: '50300202611210000000000000001',
        outTradeNo: 'ORDER_000001',
        amountFen: 700,
        totalFen: 2500,
        successTime: PAID_AT,
      },
      { mchid: ACCOUNT.mchId, transactionId: paidTrade.transactionId },
    );
    expect(toGatewayNotification(verified(event), ACCOUNT)).toEqual({
      kind: 'refund',
      eventId: 'EV-1',
      refund: {
        outRefundNo: 'R1',
        refundId: '50300202611210000000000000001',
        outTradeNo: 'ORDER_000001',
        status: 'SUCCESS',
        amountFen: 700,
        successTime: PAID_AT,
      },
    });
  });

  it('maps a MCHTRANSFER.BILL.FINISHED resource', () => {
    const event = transferFinished(
      {
        outBillNo: 'B1',
        transferBillNo: '1330000202611210000000000000000000000001',
        state: 'SUCCESS',
        amountFen: 800,
        failReason: null,
        openid: 'o-shopper',
        createdAt: PAID_AT,
        updatedAt: PAID_AT,
      },
      ACCOUNT.mchId,
    );
    expect(toGatewayNotification(verified(event), ACCOUNT)).toEqual({
      kind: 'transfer',
      eventId: 'EV-1',
      transfer: {
        outBillNo: 'B1',
        transferBillNo: '1330000202611210000000000000000000000001',
        state: 'SUCCESS',
        amountFen: 800,
        openid: 'o-shopper',
        failReason: null,
      },
    });
  });

  it("refuses another merchant's or another app's notification", () => {
    const event = verified(transactionSucceeded(paidTrade));
    expect(reason(() => toGatewayNotification(event, { ...ACCOUNT, mchId: '1900000002' }))).toBe('mchid_mismatch');
    expect(reason(() => toGatewayNotification(event, { ...ACCOUNT, appId: 'wxffffffffffffffff' }))).toBe(
      'appid_mismatch',
    );
  });

  it('refuses a resource missing a field, with a string amount, or of another original_type', () => {
    const event = verified(transactionSucceeded(paidTrade));
    const without = { ...event, resource: { ...(event.resource as object), out_trade_no: undefined } };
    const stringAmount = {
      ...event,
      resource: { ...(event.resource as object), amount: { total: '2500', currency: 'CNY' } },
    };
    expect(reason(() => toGatewayNotification(without, ACCOUNT))).toBe('malformed_resource');
    expect(reason(() => toGatewayNotification(stringAmount, ACCOUNT))).toBe('malformed_resource');
    expect(reason(() => toGatewayNotification({ ...event, originalType: 'refund' }, ACCOUNT))).toBe(
      'malformed_resource',
    );
  });

  it('refuses event types it does not know', () => {
    const event = { ...verified(transactionSucceeded(paidTrade)), eventType: 'TRANSACTION.UNKNOWN' };
    expect(reason(() => toGatewayNotification(event, ACCOUNT))).toBe('unsupported_event_type');
  });
});
