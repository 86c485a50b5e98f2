import { GatewayError, JsapiOrderRequest } from '../../payment-gateway';
import { validateJsapiOrder, validateRefund, validateTransfer } from './request-validation';

const order = (overrides: Partial<JsapiOrderRequest> = {}): JsapiOrderRequest => ({
  outTradeNo: 'ORDER_0001',
  description: 'Tea',
  amountFen: 1,
  payerOpenid: 'o-1',
  timeExpire: new Date('2026-11-21T12:15:00Z'),
  ...overrides,
});

const codeOf = (run: () => void): string | null => {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof GatewayError) return `${error.httpStatus} ${error.code}`;
    throw error;
  }
};

describe('validateJsapiOrder', () => {
  it('accepts out_trade_no of 6-32 characters of [0-9A-Za-z_-|*]', () => {
    for (const outTradeNo of ['a_-|*1', 'Z'.repeat(32), '123456'])
      expect(codeOf(() => validateJsapiOrder(order({ outTradeNo })))).toBeNull();
  });

  it.each([
    ['out_trade_no of 5', { outTradeNo: '12345' }],
    ['out_trade_no of 33', { outTradeNo: '1'.repeat(33) }],
    ['out_trade_no with a space', { outTradeNo: 'ORDER 001' }],
    ['out_trade_no with "@" (allowed for refunds only)', { outTradeNo: 'ORDER@001' }],
    ['amount 0', { amountFen: 0 }],
    ['a negative amount', { amountFen: -1 }],
    ['an unsafe integer amount', { amountFen: 2 ** 53 }],
    ['an empty description', { description: '' }],
    ['128 characters of description', { description: 'x'.repeat(128) }],
    ['no openid', { payerOpenid: '' }],
    ['129 characters of attach', { attach: 'x'.repeat(129) }],
    ['an invalid time_expire', { timeExpire: new Date(Number.NaN) }],
  ])('refuses %s: 400 PARAM_ERROR', (_case, overrides) => {
    expect(codeOf(() => validateJsapiOrder(order(overrides)))).toBe('400 PARAM_ERROR');
  });

  it('counts characters, not UTF-16 units: 127 emoji are a valid description', () => {
    expect(codeOf(() => validateJsapiOrder(order({ description: '🍵'.repeat(127) })))).toBeNull();
  });
});

describe('validateRefund', () => {
  const refund = { outTradeNo: 'ORDER_0001', outRefundNo: 'R@1|*_-', amountFen: 1, totalFen: 1, reason: '' };

  it('accepts out_refund_no of [0-9A-Za-z_-|*@] and an empty reason', () => {
    expect(codeOf(() => validateRefund(refund))).toBeNull();
  });

  it('refuses a long reason, a bad number or a zero amount: 400 PARAM_ERROR', () => {
    expect(codeOf(() => validateRefund({ ...refund, reason: 'x'.repeat(81) }))).toBe('400 PARAM_ERROR');
    expect(codeOf(() => validateRefund({ ...refund, outRefundNo: 'R 1' }))).toBe('400 PARAM_ERROR');
    expect(codeOf(() => validateRefund({ ...refund, amountFen: 0 }))).toBe('400 PARAM_ERROR');
  });
});

describe('validateTransfer', () => {
  const limits = { transferMinFen: 10, transferMaxFen: 20_000 };
  const transfer = { outBillNo: 'B1', openid: 'o-1', amountFen: 10, remark: 'x'.repeat(32) };

  it('accepts the range edges and a 32-character remark', () => {
    expect(codeOf(() => validateTransfer(transfer, limits))).toBeNull();
    expect(codeOf(() => validateTransfer({ ...transfer, amountFen: 20_000 }, limits))).toBeNull();
  });

  it('outside the range is a business refusal: 400 INVALID_REQUEST', () => {
    expect(codeOf(() => validateTransfer({ ...transfer, amountFen: 9 }, limits))).toBe('400 INVALID_REQUEST');
    expect(codeOf(() => validateTransfer({ ...transfer, amountFen: 20_001 }, limits))).toBe('400 INVALID_REQUEST');
  });

  it('a malformed request is 400 PARAM_ERROR', () => {
    expect(codeOf(() => validateTransfer({ ...transfer, remark: 'x'.repeat(33) }, limits))).toBe('400 PARAM_ERROR');
    expect(codeOf(() => validateTransfer({ ...transfer, outBillNo: 'B_1' }, limits))).toBe('400 PARAM_ERROR');
    expect(codeOf(() => validateTransfer({ ...transfer, amountFen: 10.5 }, limits))).toBe('400 PARAM_ERROR');
  });
});
