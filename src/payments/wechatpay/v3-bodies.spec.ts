import { GatewayError, GatewayTransaction, JsapiOrderRequest } from '../payment-gateway';
import {
  jsapiOrderBody,
  readErrorAnswer,
  readJsapiOrderBody,
  readRefund,
  readRefundBody,
  readTransaction,
  readTransfer,
  readTransferBody,
  readTransferCreated,
  refundAnswer,
  refundBody,
  transactionAnswer,
  transferAnswer,
  transferBody,
  transferCreatedAnswer,
} from './v3-bodies';

const MERCHANT = { appId: 'wx0123456789abcdef', mchId: '1900000001' };
const NOTIFY = 'https://shop.example.com/v1/payments/wechat/notify';
const wire = (body: object): unknown => JSON.parse(JSON.stringify(body));

const failure = (run: () => unknown): GatewayError => {
  try {
    run();
  } catch (error) {
    if (error instanceof GatewayError) return error;
    throw error;
  }
  throw new Error('no GatewayError');
};

describe('v3 bodies: what the adapter writes, the sandbox reads back unchanged, and the other way round', () => {
  it('a JSAPI order: fields as WECHATPAY.md §1, time_expire in RFC 3339 China time, whole seconds', () => {
    const request: JsapiOrderRequest = {
      outTradeNo: 'ORDER_000001',
      description: 'Oolong tea, 250 g',
      amountFen: 2500,
      payerOpenid: 'o-shopper',
      timeExpire: new Date('2026-11-21T12:15:00Z'),
      attach: 'campaign=7',
    };
    const body = wire(jsapiOrderBody(request, MERCHANT, NOTIFY));
    expect(body).toEqual({
      appid: MERCHANT.appId,
      mchid: MERCHANT.mchId,
      description: 'Oolong tea, 250 g',
      out_trade_no: 'ORDER_000001',
      time_expire: '2026-11-21T20:15:00+08:00',
      attach: 'campaign=7',
      notify_url: NOTIFY,
      amount: { total: 2500, currency: 'CNY' },
      payer: { openid: 'o-shopper' },
    });
    expect(readJsapiOrderBody(body)).toEqual({ merchant: MERCHANT, request });
  });

  it('a JSAPI order the sandbox cannot read is PARAM_ERROR 400', () => {
    const body = wire(
      jsapiOrderBody(
        { outTradeNo: 'O1', description: 'd', amountFen: 1, payerOpenid: 'o', timeExpire: new Date() },
        MERCHANT,
        NOTIFY,
      ),
    ) as Record<string, any>;
    expect(failure(() => readJsapiOrderBody({ ...body, payer: {} }))).toMatchObject({
      code: 'PARAM_ERROR',
      httpStatus: 400,
    });
    expect(failure(() => readJsapiOrderBody({ ...body, amount: { total: '1' } })).code).toBe('PARAM_ERROR');
    expect(failure(() => readJsapiOrderBody({ ...body, amount: { total: 1, currency: 'USD' } })).code).toBe(
      'PARAM_ERROR',
    );
    expect(failure(() => readJsapiOrderBody({ ...body, notify_url: undefined })).code).toBe('PARAM_ERROR');
    expect(failure(() => readJsapiOrderBody([body])).code).toBe('PARAM_ERROR');
  });

  it('a refund and a transfer', () => {
    const refund = { outTradeNo: 'ORDER_000001', outRefundNo: 'RF1', amountFen: 100, totalFen: 2500, reason: 'broken' };
    expect(readRefundBody(wire(refundBody(refund, NOTIFY)))).toEqual(refund);
    const transfer = { outBillNo: 'B1', openid: 'o-shopper', amountFen: 300, remark: 'rebate' };
    const transferWire = wire(transferBody(transfer, MERCHANT, NOTIFY));
    expect(transferWire).toMatchObject({ appid: MERCHANT.appId, transfer_scene_id: '1000', transfer_amount: 300 });
    expect(readTransferBody(transferWire)).toEqual({ appId: MERCHANT.appId, request: transfer });
  });

  it('transaction answers, unpaid (no transaction_id, success_time) and paid', () => {
    const unpaid: GatewayTransaction = {
      appid: MERCHANT.appId,
      mchid: MERCHANT.mchId,
      outTradeNo: 'ORDER_000001',
      transactionId: null,
      tradeState: 'NOTPAY',
      amountFen: 2500,
      payerOpenid: 'o-shopper',
      successTime: null,
    };
    expect(wire(transactionAnswer(unpaid))).not.toHaveProperty('transaction_id');
    expect(readTransaction(wire(transactionAnswer(unpaid)))).toEqual(unpaid);
    const paid = {
      ...unpaid,
      transactionId: '4200001234',
      tradeState: 'SUCCESS' as const,
      successTime: new Date('2026-11-21T12:01:02Z'),
    };
    expect(wire(transactionAnswer(paid))).toMatchObject({
      success_time: '2026-11-21T20:01:02+08:00',
      trade_state_desc: '支付成功',
    });
    expect(readTransaction(wire(transactionAnswer(paid)))).toEqual(paid);
  });

  it('refund and transfer answers', () => {
    const refund = {
      outRefundNo: 'RF1',
      refundId: '5030',
      outTradeNo: 'O1',
      status: 'SUCCESS' as const,
      amountFen: 100,
      successTime: new Date('2026-11-21T12:00:00Z'),
    };
    const refundWire = wire(refundAnswer({ ...refund, totalFen: 2500, createdAt: new Date('2026-11-21T11:59:00Z') }));
    expect(refundWire).toMatchObject({
      amount: { total: 2500, refund: 100 },
      create_time: '2026-11-21T19:59:00+08:00',
    });
    expect(readRefund(refundWire)).toEqual(refund);

    const transfer = {
      outBillNo: 'B1',
      transferBillNo: '1330',
      state: 'FAIL' as const,
      amountFen: 300,
      openid: 'o',
      failReason: 'ACCOUNT_FROZEN',
    };
    const times = { remark: 'rebate', createdAt: new Date(), updatedAt: new Date() };
    expect(readTransfer(wire(transferAnswer({ ...transfer, ...times }, MERCHANT)))).toEqual(transfer);
    // Create answers without amount and openid: the adapter takes them from its own request.
    const created = wire(transferCreatedAnswer({ ...transfer, ...times }));
    expect(created).not.toHaveProperty('openid');
    expect(readTransferCreated(created, { outBillNo: 'B1', openid: 'o', amountFen: 300, remark: 'rebate' })).toEqual(
      transfer,
    );
  });

  it('an answer missing what the API documents is a retryable SYSTEM_ERROR, not a guess', () => {
    expect(failure(() => readTransaction({ out_trade_no: 'O1' }))).toMatchObject({
      code: 'SYSTEM_ERROR',
      retryable: true,
    });
    expect(
      failure(() =>
        readRefund({
          ...(wire(
            refundAnswer({
              outRefundNo: 'R',
              refundId: 'I',
              outTradeNo: 'O',
              status: 'SUCCESS',
              amountFen: 1,
              successTime: null,
              totalFen: 1,
              createdAt: new Date(),
            }),
          ) as object),
          status: 'DONE',
        }),
      ).code,
    ).toBe('SYSTEM_ERROR');
  });
});

describe('readErrorAnswer', () => {
  it.each([
    [400, 'ORDER_PAID', 'ORDER_PAID', false],
    [400, 'ORDER_CLOSED', 'ORDER_CLOSED', false],
    [403, 'NOT_ENOUGH', 'NOT_ENOUGH', false],
    [404, 'RESOURCE_NOT_EXISTS', 'RESOURCE_NOT_EXISTS', false],
    [400, 'ORDERPAID', 'ORDER_PAID', false], // the APIv2 spelling
    [403, 'NOTENOUGH', 'NOT_ENOUGH', false],
    [429, 'RATELIMIT_EXCEEDED', 'FREQUENCY_LIMITED', true],
    [503, 'SERVICE_UNAVAILABLE', 'SYSTEM_ERROR', true],
    [401, 'SIGN_ERROR', 'SYSTEM_ERROR', true], // our keys or clock: retried once an operator fixes them
    [403, 'NO_AUTH', 'INVALID_REQUEST', false],
    [403, 'USER_ACCOUNT_ABNORMAL', 'INVALID_REQUEST', false],
    [502, '', 'SYSTEM_ERROR', true],
  ])('%i %s → %s', (status, code, expected, retryable) => {
    const error = readErrorAnswer(status, JSON.stringify({ code, message: '说明' }));
    expect(error).toMatchObject({ code: expected, httpStatus: status, retryable });
    if (code !== expected) expect(error.message).toContain(code || `HTTP ${status}`);
  });

  it('an answer that is not JSON (a proxy page) is sorted by status', () => {
    expect(readErrorAnswer(504, '<html>Gateway Timeout</html>')).toMatchObject({
      code: 'SYSTEM_ERROR',
      retryable: true,
    });
    expect(readErrorAnswer(413, 'too large')).toMatchObject({ code: 'INVALID_REQUEST', retryable: false });
  });
});
