import { GatewayCalledInTransactionError, PaymentGateway } from '../../src/payments/payment-gateway';
import { SandboxPaymentGateway } from '../../src/payments/sandbox/sandbox-payment-gateway';
import { Db } from '../../src/platform/database/db';
import { TimedPaymentGateway } from '../../src/payments/timed-payment-gateway';
import { SandboxSettings } from '../../src/payments/sandbox/sandbox-settings';
import { TestApp } from '../support/test-app';
import { GATEWAYS, startAppWith } from './support/gateway-under-test';
import {
  deliveriesOf,
  gatewayFailure,
  gatewayOf,
  jsapiRequest,
  paidOrder,
  resetSandbox,
  runJob,
  uniqueNo,
} from './support/sandbox';

describe.each(GATEWAYS)('sandbox gateway: WeChat Pay v3 semantics (%s gateway)', (gatewayUnderTest) => {
  let app: TestApp;
  let gateway: PaymentGateway;

  beforeAll(async () => {
    app = await startAppWith(gatewayUnderTest);
    gateway = gatewayOf(app);
  });
  afterAll(() => app.close());
  afterEach(() => resetSandbox(app));

  it('is the PaymentGateway bound for the modules, behind the call timeout', () => {
    expect(gateway).toBeInstanceOf(TimedPaymentGateway);
    expect(app.app.get(SandboxPaymentGateway)).toBeInstanceOf(SandboxPaymentGateway);
  });

  it('refuses a call made inside a database transaction, and answers the same call made outside one', async () => {
    const db = app.app.get(Db);
    const request = jsapiRequest(app);
    await expect(db.transaction(() => gateway.createJsapiOrder(request))).rejects.toBeInstanceOf(
      GatewayCalledInTransactionError,
    );
    await expect(db.transaction(() => gateway.queryOrder(request.outTradeNo))).rejects.toThrow(
      /called inside a database transaction/,
    );
    expect(await gateway.queryOrder(request.outTradeNo)).toBeNull(); // the refused call did nothing
    expect((await gateway.createJsapiOrder(request)).prepayId).toMatch(/^wx/);
  });

  describe('createJsapiOrder', () => {
    it('answers a WeChat-style prepay_id and payParams for wx.requestPayment', async () => {
      const request = jsapiRequest(app);
      const unixSeconds = () => Math.floor(app.clock.now().getTime() / 1000);
      const signedNoEarlierThan = unixSeconds();
      const order = await gateway.createJsapiOrder(request);
      const signedNoLaterThan = unixSeconds();
      expect(order.prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
      // The clock runs on during the call, so the stamp is checked against the window around it.
      expect(Number(order.payParams.timeStamp)).toBeGreaterThanOrEqual(signedNoEarlierThan);
      expect(Number(order.payParams.timeStamp)).toBeLessThanOrEqual(signedNoLaterThan);
      expect(order.payParams).toEqual({
        appId: expect.stringMatching(/^wx[0-9a-f]{16}$/),
        timeStamp: expect.stringMatching(/^\d+$/),
        nonceStr: expect.stringMatching(/^[0-9A-Za-z]{32}$/),
        package: `prepay_id=${order.prepayId}`,
        signType: 'RSA',
        paySign: expect.any(String),
      });
      expect(await gateway.queryOrder(request.outTradeNo)).toEqual({
        appid: order.payParams.appId,
        mchid: expect.stringMatching(/^\d{10}$/),
        outTradeNo: request.outTradeNo,
        transactionId: null,
        tradeState: 'NOTPAY',
        amountFen: 2500,
        payerOpenid: request.payerOpenid,
        successTime: null,
      });
    });

    it.each([
      ['an out_trade_no shorter than 6', { outTradeNo: 'ABC12' }],
      ['an out_trade_no longer than 32', { outTradeNo: 'A'.repeat(33) }],
      ['an out_trade_no with a character outside [0-9A-Za-z_-|*]', { outTradeNo: 'ORDER#0001' }],
      ['an amount of 0', { amountFen: 0 }],
      ['a fractional amount', { amountFen: 1.5 }],
      ['an empty description', { description: '' }],
      ['a description of 128 characters', { description: '茶'.repeat(128) }],
      ['no openid', { payerOpenid: '' }],
    ])('refuses %s: 400 PARAM_ERROR', async (_case, overrides) => {
      expect(await gatewayFailure(gateway.createJsapiOrder(jsapiRequest(app, overrides)))).toMatchObject({
        code: 'PARAM_ERROR',
        httpStatus: 400,
      });
    });

    it('accepts the edges: 6 and 32 characters of [0-9A-Za-z_-|*], 1 fen, 127 characters', async () => {
      await gateway.createJsapiOrder(jsapiRequest(app, { outTradeNo: `a_-|*${uniqueNo('').slice(0, 1)}` }));
      await gateway.createJsapiOrder(
        jsapiRequest(app, { outTradeNo: uniqueNo('Z').padEnd(32, '9'), amountFen: 1, description: '茶'.repeat(127) }),
      );
    });

    it('a re-post with identical parameters returns the same prepay_id, with fresh payParams', async () => {
      const request = jsapiRequest(app);
      const first = await gateway.createJsapiOrder(request);
      app.clock.advance(2000);
      const again = await gateway.createJsapiOrder({ ...request, timeExpire: new Date(request.timeExpire) });
      expect(again.prepayId).toBe(first.prepayId);
      expect(again.payParams.nonceStr).not.toBe(first.payParams.nonceStr);
      expect(again.payParams.timeStamp).not.toBe(first.payParams.timeStamp);
      const rows = await app.db.query('SELECT 1 FROM sandbox_transactions WHERE out_trade_no = $1', [
        request.outTradeNo,
      ]);
      expect(rows).toHaveLength(1);
    });

    it('a re-post with different parameters: 400 INVALID_REQUEST', async () => {
      const request = jsapiRequest(app);
      await gateway.createJsapiOrder(request);
      for (const changed of [{ amountFen: 2501 }, { description: 'Green tea' }, { payerOpenid: 'o-other' }]) {
        expect(await gatewayFailure(gateway.createJsapiOrder({ ...request, ...changed }))).toEqual({
          code: 'INVALID_REQUEST',
          httpStatus: 400,
          message: 'INVALID_REQUEST: 请求重入时，参数与首次请求时不一致',
        });
      }
    });

    it('a re-post of a closed order: 400 ORDER_CLOSED; of a paid one: 400 ORDER_PAID', async () => {
      const closed = jsapiRequest(app);
      await gateway.createJsapiOrder(closed);
      await gateway.closeOrder(closed.outTradeNo);
      expect(await gatewayFailure(gateway.createJsapiOrder(closed))).toMatchObject({
        code: 'ORDER_CLOSED',
        httpStatus: 400,
      });
      const paid = await paidOrder(app);
      expect(await gatewayFailure(gateway.createJsapiOrder(paid))).toMatchObject({
        code: 'ORDER_PAID',
        httpStatus: 400,
      });
    });
  });

  describe('queryOrder and closeOrder', () => {
    it('an unknown order reads null', async () => {
      expect(await gateway.queryOrder(uniqueNo('NONE_'))).toBeNull();
    });

    it('an unpaid order past time_expire reads CLOSED, and can no longer be ordered again', async () => {
      const request = jsapiRequest(app, { timeExpire: new Date(app.clock.now().getTime() + 5 * 60_000) });
      await gateway.createJsapiOrder(request);
      app.clock.advance(5 * 60_000);
      expect((await gateway.queryOrder(request.outTradeNo))?.tradeState).toBe('CLOSED');
      expect((await gatewayFailure(gateway.createJsapiOrder(request))).code).toBe('ORDER_CLOSED');
    });

    it('close is re-entrant: NOTPAY → CLOSED, again, and an unknown number, all fine', async () => {
      const request = jsapiRequest(app);
      await gateway.createJsapiOrder(request);
      await gateway.closeOrder(request.outTradeNo);
      await gateway.closeOrder(request.outTradeNo);
      await gateway.closeOrder(uniqueNo('NONE_'));
      expect((await gateway.queryOrder(request.outTradeNo))?.tradeState).toBe('CLOSED');
    });

    it('close refuses a paid order, and a refunded one: 400 ORDER_PAID', async () => {
      const paid = await paidOrder(app);
      expect(await gatewayFailure(gateway.closeOrder(paid.outTradeNo))).toEqual({
        code: 'ORDER_PAID',
        httpStatus: 400,
        message: 'ORDER_PAID: 订单已支付',
      });
      await gateway.refund({
        outTradeNo: paid.outTradeNo,
        outRefundNo: uniqueNo('R'),
        amountFen: 1,
        totalFen: 2500,
        reason: '',
      });
      expect((await gatewayFailure(gateway.closeOrder(paid.outTradeNo))).code).toBe('ORDER_PAID');
      expect((await gateway.queryOrder(paid.outTradeNo))?.tradeState).toBe('REFUND');
    });

    it('a paid order reads SUCCESS with a 28-digit transaction_id and its success_time', async () => {
      const paid = await paidOrder(app);
      expect(await gateway.queryOrder(paid.outTradeNo)).toMatchObject({
        tradeState: 'SUCCESS',
        transactionId: expect.stringMatching(/^\d{28}$/),
        successTime: expect.any(Date),
      });
    });
  });

  describe('refund', () => {
    const refundOf = (outTradeNo: string, amountFen: number, outRefundNo = uniqueNo('R')) => ({
      outTradeNo,
      outRefundNo,
      amountFen,
      totalFen: 2500,
      reason: 'damaged',
    });

    it('an unknown or unpaid order: 404 RESOURCE_NOT_EXISTS', async () => {
      expect(await gatewayFailure(gateway.refund(refundOf(uniqueNo('NONE_'), 100)))).toMatchObject({
        code: 'RESOURCE_NOT_EXISTS',
        httpStatus: 404,
      });
      const unpaid = jsapiRequest(app);
      await gateway.createJsapiOrder(unpaid);
      expect((await gatewayFailure(gateway.refund(refundOf(unpaid.outTradeNo, 100)))).code).toBe('RESOURCE_NOT_EXISTS');
    });

    it('a new refund is PROCESSING and the trade reads REFUND; queryRefund finds it', async () => {
      const paid = await paidOrder(app);
      const refund = await gateway.refund(refundOf(paid.outTradeNo, 700));
      expect(refund).toEqual({
        outRefundNo: expect.any(String),
        refundId: expect.stringMatching(/^\d{29}$/),
        outTradeNo: paid.outTradeNo,
        status: 'PROCESSING',
        amountFen: 700,
        successTime: null,
      });
      expect(await gateway.queryRefund(refund.outRefundNo)).toEqual(refund);
      expect(await gateway.queryRefund(uniqueNo('NONE'))).toBeNull();
      expect((await gateway.queryOrder(paid.outTradeNo))?.tradeState).toBe('REFUND');
    });

    it('the same out_refund_no twice is one refund; with another amount it is INVALID_REQUEST', async () => {
      const paid = await paidOrder(app);
      const request = refundOf(paid.outTradeNo, 500);
      const first = await gateway.refund(request);
      expect(await gateway.refund(request)).toEqual(first);
      expect((await gatewayFailure(gateway.refund({ ...request, amountFen: 600 }))).code).toBe('INVALID_REQUEST');
      const rows = await app.db.query('SELECT 1 FROM sandbox_refunds WHERE out_trade_no = $1', [paid.outTradeNo]);
      expect(rows).toHaveLength(1);
    });

    it('refunds beyond the order amount are refused; up to it they are fine', async () => {
      const paid = await paidOrder(app);
      await gateway.refund(refundOf(paid.outTradeNo, 2000));
      expect(await gatewayFailure(gateway.refund(refundOf(paid.outTradeNo, 501)))).toEqual({
        code: 'INVALID_REQUEST',
        httpStatus: 400,
        message: 'INVALID_REQUEST: 退款金额超过订单可退金额',
      });
      await gateway.refund(refundOf(paid.outTradeNo, 500));
      expect((await gatewayFailure(gateway.refund(refundOf(paid.outTradeNo, 1)))).code).toBe('INVALID_REQUEST');
    });

    it('amount.total must be the order amount', async () => {
      const paid = await paidOrder(app);
      const wrongTotal = { ...refundOf(paid.outTradeNo, 100), totalFen: 2400 };
      expect((await gatewayFailure(gateway.refund(wrongTotal))).code).toBe('INVALID_REQUEST');
    });

    it('at most 50 refunds of one order', async () => {
      const paid = await paidOrder(app);
      for (let i = 0; i < 50; i++) await gateway.refund(refundOf(paid.outTradeNo, 1));
      expect((await gatewayFailure(gateway.refund(refundOf(paid.outTradeNo, 1)))).code).toBe('INVALID_REQUEST');
    });
  });

  describe('transfer', () => {
    const transferOf = (overrides: Record<string, unknown> = {}) => ({
      outBillNo: uniqueNo('B'),
      openid: 'o-sandbox-shopper',
      amountFen: 800,
      remark: 'Cash rebate',
      ...overrides,
    });

    it('a new transfer is ACCEPTED; the same out_bill_no twice is one transfer; queryTransfer finds it', async () => {
      const request = transferOf();
      const first = await gateway.transfer(request);
      expect(first).toEqual({
        outBillNo: request.outBillNo,
        transferBillNo: expect.stringMatching(/^\d{40}$/),
        state: 'ACCEPTED',
        amountFen: 800,
        openid: 'o-sandbox-shopper',
        failReason: null,
      });
      expect(await gateway.transfer(request)).toEqual(first);
      expect(await gateway.queryTransfer(request.outBillNo)).toEqual(first);
      expect(await gateway.queryTransfer(uniqueNo('NONE'))).toBeNull();
      expect(
        await app.db.query('SELECT 1 FROM sandbox_transfers WHERE out_bill_no = $1', [request.outBillNo]),
      ).toHaveLength(1);
      expect((await gatewayFailure(gateway.transfer({ ...request, amountFen: 900 }))).code).toBe('INVALID_REQUEST');
    });

    it('outside 10..20000 fen: 400 INVALID_REQUEST 超过单笔转账上下限; the edges pass', async () => {
      for (const amountFen of [9, 20_001]) {
        expect(await gatewayFailure(gateway.transfer(transferOf({ amountFen })))).toEqual({
          code: 'INVALID_REQUEST',
          httpStatus: 400,
          message: 'INVALID_REQUEST: 超过单笔转账上下限',
        });
      }
      await gateway.transfer(transferOf({ amountFen: 10 }));
      await gateway.transfer(transferOf({ amountFen: 20_000 }));
    });

    it('the range follows the settings', async () => {
      app.app.get(SandboxSettings).update({ transferMaxFen: 100_000 });
      await gateway.transfer(transferOf({ amountFen: 50_000 }));
    });

    it.each([
      ['a remark over 32 characters', { remark: 'x'.repeat(33) }],
      ['an empty remark', { remark: '' }],
      ['an out_bill_no with "-"', { outBillNo: 'BILL-0001' }],
      ['an out_bill_no over 32 characters', { outBillNo: 'B'.repeat(33) }],
      ['no openid', { openid: '' }],
    ])('refuses %s: 400 PARAM_ERROR', async (_case, overrides) => {
      expect(await gatewayFailure(gateway.transfer(transferOf(overrides)))).toMatchObject({
        code: 'PARAM_ERROR',
        httpStatus: 400,
      });
    });
  });

  describe('settlement job', () => {
    beforeEach(() => runJob(app, 'sandbox.settle')); // what earlier tests left PROCESSING

    it('makes PROCESSING refunds SUCCESS and queues REFUND.SUCCESS with the §5 plaintext', async () => {
      const paid = await paidOrder(app);
      const refund = await gateway.refund({
        outTradeNo: paid.outTradeNo,
        outRefundNo: uniqueNo('R'),
        amountFen: 700,
        totalFen: 2500,
        reason: 'x',
      });
      const { transactionId } = (await gateway.queryOrder(paid.outTradeNo))!;
      expect(await runJob(app, 'sandbox.settle')).toMatchObject({ refunds: 1 });
      const settled = (await gateway.queryRefund(refund.outRefundNo))!;
      expect(settled).toMatchObject({ status: 'SUCCESS', successTime: expect.any(Date) });
      const [delivery] = await deliveriesOf(app, "event_type = 'REFUND.SUCCESS' AND resource->>'out_refund_no' = $1", [
        refund.outRefundNo,
      ]);
      expect(delivery).toMatchObject({ original_type: 'refund', summary: '退款成功', status: 'pending' });
      expect(delivery.resource).toEqual({
        mchid: expect.stringMatching(/^\d{10}$/),
        transaction_id: transactionId,
        out_trade_no: paid.outTradeNo,
        refund_id: refund.refundId,
        out_refund_no: refund.outRefundNo,
        refund_status: 'SUCCESS',
        success_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
        user_received_account: '支付用户零钱',
        amount: { total: 2500, refund: 700, payer_total: 2500, payer_refund: 700 },
      });
      expect(await runJob(app, 'sandbox.settle')).toEqual({ refunds: 0, transfers: 0 });
    });

    it('makes ACCEPTED transfers SUCCESS and queues MCHTRANSFER.BILL.FINISHED with the §6 plaintext', async () => {
      const transfer = await gateway.transfer({
        outBillNo: uniqueNo('B'),
        openid: 'o-x',
        amountFen: 300,
        remark: 'Prize',
      });
      expect(await runJob(app, 'sandbox.settle')).toMatchObject({ transfers: 1 });
      expect((await gateway.queryTransfer(transfer.outBillNo))?.state).toBe('SUCCESS');
      const [delivery] = await deliveriesOf(app, "resource->>'out_bill_no' = $1", [transfer.outBillNo]);
      expect(delivery).toMatchObject({ event_type: 'MCHTRANSFER.BILL.FINISHED', original_type: 'mch_payment' });
      expect(delivery.resource).toEqual({
        mchid: expect.stringMatching(/^\d{10}$/),
        out_bill_no: transfer.outBillNo,
        transfer_bill_no: transfer.transferBillNo,
        state: 'SUCCESS',
        transfer_amount: 300,
        openid: 'o-x',
        create_time: expect.stringMatching(/\+08:00$/),
        update_time: expect.stringMatching(/\+08:00$/),
      });
    });

    it('waits settleDelayMs on the clock', async () => {
      app.app.get(SandboxSettings).update({ settleDelayMs: 60_000 });
      const transfer = await gateway.transfer({
        outBillNo: uniqueNo('B'),
        openid: 'o-x',
        amountFen: 300,
        remark: 'Prize',
      });
      await runJob(app, 'sandbox.settle');
      expect((await gateway.queryTransfer(transfer.outBillNo))?.state).toBe('ACCEPTED');
      app.clock.advance(60_000);
      await runJob(app, 'sandbox.settle');
      expect((await gateway.queryTransfer(transfer.outBillNo))?.state).toBe('SUCCESS');
    });
  });
});
