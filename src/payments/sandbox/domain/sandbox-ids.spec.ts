import {
  chinaDateTimeDigits,
  newAppId,
  newMchId,
  newMerchantSerial,
  newPrepayId,
  newRefundId,
  newTransactionId,
  newTransferBillNo,
} from './sandbox-ids';

const NOW = new Date('2026-11-21T12:34:56.789Z');

describe('sandbox numbers', () => {
  it('stamps numbers with Beijing time (UTC+8), rolling over the date', () => {
    expect(chinaDateTimeDigits(NOW)).toBe('20261121203456');
    expect(chinaDateTimeDigits(new Date('2026-11-21T16:00:00Z'))).toBe('20261122000000');
  });

  it('prepay_id is wx + yyyyMMddHHmmss + hex', () => {
    expect(newPrepayId(NOW)).toMatch(/^wx20261121203456[0-9a-f]{20}$/);
    expect(newPrepayId(NOW)).not.toBe(newPrepayId(NOW));
  });

  it('transaction_id is 28 digits carrying the date', () => {
    expect(newTransactionId(NOW)).toMatch(/^420000123420261121\d{10}$/);
  });

  it('refund_id and transfer_bill_no are digits carrying the date', () => {
    expect(newRefundId(NOW)).toMatch(/^5030020261121\d{16}$/);
    expect(newTransferBillNo(NOW)).toMatch(/^133000020261121\d{25}$/);
  });

  it('account identifiers have the issued shapes', () => {
    expect(newAppId()).toMatch(/^wx[0-9a-f]{16}$/);
    expect(newMchId()).toMatch(/^1\d{9}$/);
    expect(newMerchantSerial()).toMatch(/^[0-9A-F]{40}$/);
  });
});
