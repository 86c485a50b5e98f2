import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { getOrder, payInSandbox, placeOrder, runJobs, settleEverything } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { createSale, purchase } from '../flash-sale/flash-fixtures';
import { deliveriesOf } from './support/sandbox';

const WINDOW_SECONDS = 120;

/**
 * The sandbox's simulated shopper on Engage's own orders. A flash sale's order is written without its provider order
 * (prepared when the shopper first opens it), so a shopper who pays it straight from the out_trade_no of
 * `GET /v1/me/orders` gets it opened first; a closed order is a 409; only the order's own shopper can pay.
 */
describe('POST /v1/sandbox/payments/:outTradeNo/pay on Engage orders', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string };

  beforeAll(async () => {
    // The Postgres gate confirms a purchase (order written) in its own request.
    app = await startTestApp({ redis: false });
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant, { priceFen: 4000 });
  });
  afterAll(() => app.close());

  const pay = (outTradeNo: string, token: string, result?: 'success' | 'failed') =>
    app.http.post(`/v1/sandbox/payments/${outTradeNo}/pay`, { token, body: result ? { result } : {} });
  const provider = async (outTradeNo: string) =>
    (
      await app.db.query<{ trade_state: string }>(
        'SELECT trade_state FROM sandbox_transactions WHERE out_trade_no = $1',
        [outTradeNo],
      )
    )[0]?.trade_state ?? null;

  /** A flash-sale order just confirmed, its out_trade_no read from the shopper's order list (which prepares nothing). */
  async function confirmedFlashOrder(shopper: TestShopper): Promise<{ id: string; outTradeNo: string }> {
    const sale = await createSale(app, merchant, product.id, { paymentWindowSeconds: WINDOW_SECONDS });
    const bought = await purchase(app, shopper, sale.id);
    expect(bought.body).toMatchObject({ status: 'confirmed', orderId: expect.any(String) });
    const listed = await app.http.get('/v1/me/orders', { token: shopper.token });
    const order = listed.body.items.find((item: any) => item.id === bought.body.orderId);
    expect(order.payment).toMatchObject({ prepayId: null, payParams: null });
    return { id: order.id, outTradeNo: order.payment.outTradeNo };
  }

  it('"failed" on a just-confirmed flash-sale order: 202, the order stays payable, and "success" then pays it', async () => {
    const shopper = await loginShopper(app);
    const order = await confirmedFlashOrder(shopper);
    expect(await provider(order.outTradeNo)).toBeNull();

    const failed = await pay(order.outTradeNo, shopper.token, 'failed');
    expect(failed.status).toBe(202);
    expect(failed.body).toEqual({ outTradeNo: order.outTradeNo, result: 'failed' });
    expect(await provider(order.outTradeNo)).toBe('NOTPAY');
    const opened = await getOrder(app, shopper, order.id);
    expect(opened).toMatchObject({ status: 'pending_payment', payment: { prepayId: expect.any(String) } });

    expect((await pay(order.outTradeNo, shopper.token)).status).toBe(202);
    await settleEverything(app, 1);
    expect((await getOrder(app, shopper, order.id)).status).toBe('paid');
  });

  it('"success" on a flash-sale order never opened pays it', async () => {
    const shopper = await loginShopper(app);
    const order = await confirmedFlashOrder(shopper);
    expect((await pay(order.outTradeNo, shopper.token)).status).toBe(202);
    await settleEverything(app, 1);
    expect((await getOrder(app, shopper, order.id)).status).toBe('paid');
  });

  it('"failed" on a standard order awaiting payment: 202, nothing notified, still payable', async () => {
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    expect((await pay(order.payment.outTradeNo, shopper.token, 'failed')).status).toBe(202);
    expect(await deliveriesOf(app, "resource->>'out_trade_no' = $1", [order.payment.outTradeNo])).toHaveLength(0);
    expect((await payInSandbox(app, order.payment.outTradeNo)).status).toBe(202);
  });

  it('a flash-sale order past its deadline, never opened: 409 ORDER_CLOSED for both results, never 404', async () => {
    const shopper = await loginShopper(app);
    const order = await confirmedFlashOrder(shopper);
    app.clock.advance((WINDOW_SECONDS + 1) * 1000);
    for (const result of ['failed', 'success'] as const) {
      expectError(await pay(order.outTradeNo, shopper.token, result), 409, 'ORDER_CLOSED');
    }
    await runJobs(app, 'orders.expire');
    expect((await getOrder(app, shopper, order.id)).status).toBe('cancelled');
    expectError(await pay(order.outTradeNo, shopper.token), 409, 'ORDER_CLOSED');
    expect(await deliveriesOf(app, "resource->>'out_trade_no' = $1", [order.outTradeNo])).toHaveLength(0);
  });

  it('a standard order cancelled, or past its deadline: 409 ORDER_CLOSED', async () => {
    const shopper = await loginShopper(app);
    const cancelled = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    expect((await app.http.post(`/v1/orders/${cancelled.id}/cancel`, { token: shopper.token })).status).toBe(200);
    expectError(await pay(cancelled.payment.outTradeNo, shopper.token, 'failed'), 409, 'ORDER_CLOSED');

    const expired = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    app.clock.advance(15 * 60_000 + 1000);
    expectError(await pay(expired.payment.outTradeNo, shopper.token), 409, 'ORDER_CLOSED');
    expect((await getOrder(app, shopper, expired.id)).paidAt).toBeNull();
  });

  it("another shopper's order is refused with 403 PAYER_MISMATCH, prepared or not; the order stays unpaid", async () => {
    const owner = await loginShopper(app);
    const stranger = await loginShopper(app);
    const standard = await placeOrder(app, owner, [{ productId: product.id, quantity: 1 }]);
    const flash = await confirmedFlashOrder(owner);
    for (const outTradeNo of [standard.payment.outTradeNo, flash.outTradeNo]) {
      for (const result of ['success', 'failed'] as const) {
        expectError(await pay(outTradeNo, stranger.token, result), 403, 'PAYER_MISMATCH');
      }
      expect(await deliveriesOf(app, "resource->>'out_trade_no' = $1", [outTradeNo])).toHaveLength(0);
    }
    await settleEverything(app, 1);
    expect((await getOrder(app, owner, standard.id)).status).toBe('pending_payment');
    expect((await getOrder(app, owner, flash.id)).status).toBe('pending_payment');
    expect((await pay(flash.outTradeNo, owner.token)).status).toBe(202);
  });

  it('an out_trade_no no order has: 404 ORDER_NOT_EXIST', async () => {
    const shopper = await loginShopper(app);
    expectError(await pay('0123456789abcdef0123456789abcdef', shopper.token), 404, 'ORDER_NOT_EXIST');
  });
});
