import { GatewayError, PaymentGateway } from '../../src/payments/payment-gateway';
import { TimedPaymentGateway } from '../../src/payments/timed-payment-gateway';
import { startAppWith } from './support/gateway-under-test';
import { gatewayFailure, gatewayOf, jsapiRequest, paidOrder, resetSandbox, uniqueNo } from './support/sandbox';
import type { TestApp } from '../support/test-app';

describe('wechatpay adapter against the sandbox v3 surface', () => {
  let app: TestApp;
  let gateway: PaymentGateway;

  beforeAll(async () => {
    app = await startAppWith('wechatpay');
    gateway = gatewayOf(app);
  });
  afterAll(() => app?.close());
  afterEach(() => resetSandbox(app));

  it('smoke', async () => {
    expect(gateway).toBeInstanceOf(TimedPaymentGateway);
    const request = jsapiRequest(app);
    const order = await gateway.createJsapiOrder(request);
    expect(order.prepayId).toMatch(/^wx/);
    expect(await gateway.queryOrder(request.outTradeNo)).toMatchObject({ tradeState: 'NOTPAY', transactionId: null });
    expect(await gateway.queryOrder(uniqueNo('NONE_'))).toBeNull();
    const paid = await paidOrder(app);
    expect(await gateway.queryOrder(paid.outTradeNo)).toMatchObject({ tradeState: 'SUCCESS' });
    expect(await gatewayFailure(gateway.closeOrder(paid.outTradeNo))).toMatchObject({
      code: 'ORDER_PAID',
      httpStatus: 400,
    });
    await gateway.closeOrder(request.outTradeNo);
    const refund = await gateway.refund({
      outTradeNo: paid.outTradeNo,
      outRefundNo: uniqueNo('R'),
      amountFen: 100,
      totalFen: paid.amountFen,
      reason: 'x',
    });
    expect(refund).toMatchObject({ status: 'PROCESSING', amountFen: 100 });
    expect(await gateway.queryRefund(refund.outRefundNo)).toEqual(refund);
    expect(await gateway.queryRefund('nope')).toBeNull();
    const transfer = await gateway.transfer({
      outBillNo: uniqueNo('B'),
      openid: 'o-x',
      amountFen: 100,
      remark: 'rebate',
    });
    expect(await gateway.queryTransfer(transfer.outBillNo)).toEqual(transfer);
    expect(await gateway.queryTransfer('nope')).toBeNull();
    expect(GatewayError).toBeDefined();
  });
});
