import { expectError, loginShopper, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { deliveriesOf, gatewayOf, jsapiRequest, paidOrder, resetSandbox, uniqueNo } from './support/sandbox';

describe('POST /v1/sandbox/payments/:outTradeNo/pay (the simulated shopper)', () => {
  let app: TestApp;
  let payer: TestShopper;

  beforeAll(async () => {
    app = await startTestApp();
    payer = await loginShopper(app, jsapiRequest(app).payerOpenid);
  });
  afterAll(() => app.close());
  afterEach(() => resetSandbox(app));

  const pay = (outTradeNo: string, body: unknown = {}, token = payer.token) =>
    app.http.post(`/v1/sandbox/payments/${outTradeNo}/pay`, { token, body });
  const openOrder = async (overrides = {}) => {
    const request = jsapiRequest(app, overrides);
    await gatewayOf(app).createJsapiOrder(request);
    return request;
  };

  it('pays: 202, SUCCESS at the provider, and a TRANSACTION.SUCCESS notification queued with the §3 plaintext', async () => {
    const order = await openOrder({ attach: 'campaign=42' });
    const response = await pay(order.outTradeNo, { result: 'success' });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ outTradeNo: order.outTradeNo, result: 'success' });

    const trade = (await gatewayOf(app).queryOrder(order.outTradeNo))!;
    expect(trade).toMatchObject({ tradeState: 'SUCCESS', transactionId: expect.stringMatching(/^4200001234\d{18}$/) });
    const deliveries = await deliveriesOf(app, "resource->>'out_trade_no' = $1", [order.outTradeNo]);
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({
      event_type: 'TRANSACTION.SUCCESS',
      original_type: 'transaction',
      summary: '支付成功',
      status: 'pending',
      attempts: 0,
    });
    expect(deliveries[0].resource).toEqual({
      appid: trade.appid,
      mchid: trade.mchid,
      out_trade_no: order.outTradeNo,
      transaction_id: trade.transactionId,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      attach: 'campaign=42',
      success_time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/),
      payer: { openid: order.payerOpenid },
      amount: { total: 2500, payer_total: 2500, currency: 'CNY', payer_currency: 'CNY' },
    });
    expect(new Date(deliveries[0].resource.success_time).getTime()).toBe(
      Math.floor(trade.successTime!.getTime() / 1000) * 1000,
    );
  });

  it('without a body, or with an empty one, it pays ("success" is the default)', async () => {
    const order = await openOrder();
    const response = await app.http.post(`/v1/sandbox/payments/${order.outTradeNo}/pay`, { token: payer.token });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ outTradeNo: order.outTradeNo, result: 'success' });
  });

  it('"failed" leaves the order unpaid and notifies nothing; it can still be paid', async () => {
    const order = await openOrder();
    const response = await pay(order.outTradeNo, { result: 'failed' });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ outTradeNo: order.outTradeNo, result: 'failed' });
    expect((await gatewayOf(app).queryOrder(order.outTradeNo))?.tradeState).toBe('NOTPAY');
    expect(await deliveriesOf(app, "resource->>'out_trade_no' = $1", [order.outTradeNo])).toHaveLength(0);
    expect((await pay(order.outTradeNo)).status).toBe(202);
  });

  it('another shopper cannot pay the order: 403 PAYER_MISMATCH, nothing changes, and its payer still can', async () => {
    const order = await openOrder();
    const stranger = await loginShopper(app);
    for (const result of ['success', 'failed']) {
      expectError(await pay(order.outTradeNo, { result }, stranger.token), 403, 'PAYER_MISMATCH');
    }
    expect((await gatewayOf(app).queryOrder(order.outTradeNo))?.tradeState).toBe('NOTPAY');
    expect(await deliveriesOf(app, "resource->>'out_trade_no' = $1", [order.outTradeNo])).toHaveLength(0);
    expect((await pay(order.outTradeNo)).status).toBe(202);
  });

  it("without a token the sandbox pays as the order's own payer; a token that fails verification is 401", async () => {
    const order = await openOrder();
    expectError(await pay(order.outTradeNo, {}, 'not-a-token'), 401, 'UNAUTHENTICATED');
    expect((await gatewayOf(app).queryOrder(order.outTradeNo))?.tradeState).toBe('NOTPAY');
    const anonymous = await app.http.post(`/v1/sandbox/payments/${order.outTradeNo}/pay`, { body: {} });
    expect(anonymous.status).toBe(202);
    expect((await gatewayOf(app).queryOrder(order.outTradeNo))?.tradeState).toBe('SUCCESS');
  });

  it('an unknown order: 404 ORDER_NOT_EXIST', async () => {
    expectError(await pay(uniqueNo('NONE_')), 404, 'ORDER_NOT_EXIST');
  });

  it('a closed order: 409 ORDER_CLOSED', async () => {
    const order = await openOrder();
    await gatewayOf(app).closeOrder(order.outTradeNo);
    expectError(await pay(order.outTradeNo), 409, 'ORDER_CLOSED');
  });

  it('an order past its time_expire (by the clock, no job needed): 409 ORDER_CLOSED', async () => {
    const order = await openOrder({ timeExpire: new Date(app.clock.now().getTime() + 10 * 60_000) });
    app.clock.advance(10 * 60_000 - 5_000);
    const stillOpen = await openOrder({ timeExpire: new Date(app.clock.now().getTime() + 60_000) });
    app.clock.advance(5_000);
    expectError(await pay(order.outTradeNo), 409, 'ORDER_CLOSED');
    expect((await pay(stillOpen.outTradeNo)).status).toBe(202);
    expect(await deliveriesOf(app, "resource->>'out_trade_no' = $1", [order.outTradeNo])).toHaveLength(0);
  });

  it('an order already paid: 409 ORDER_PAID, and still one notification', async () => {
    const order = await paidOrder(app);
    expectError(await pay(order.outTradeNo), 409, 'ORDER_PAID');
    expectError(await pay(order.outTradeNo, { result: 'failed' }), 409, 'ORDER_PAID');
    expect(await deliveriesOf(app, "resource->>'out_trade_no' = $1", [order.outTradeNo])).toHaveLength(1);
  });

  it('concurrent payments of one order: one pays, the others are ORDER_PAID', async () => {
    const order = await openOrder();
    const responses = await Promise.all(Array.from({ length: 5 }, () => pay(order.outTradeNo)));
    expect(responses.map((response) => response.status).sort()).toEqual([202, 409, 409, 409, 409]);
    expect(await deliveriesOf(app, "resource->>'out_trade_no' = $1", [order.outTradeNo])).toHaveLength(1);
  });

  it('refuses an unknown result or an unknown field: 400 VALIDATION_FAILED', async () => {
    const order = await openOrder();
    expectError(await pay(order.outTradeNo, { result: 'maybe' }), 400, 'VALIDATION_FAILED');
    expectError(await pay(order.outTradeNo, { result: 'success', amountFen: 1 }), 400, 'VALIDATION_FAILED');
    expect((await gatewayOf(app).queryOrder(order.outTradeNo))?.tradeState).toBe('NOTPAY');
  });
});
