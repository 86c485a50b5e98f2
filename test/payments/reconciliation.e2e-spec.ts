import { randomUUID } from 'node:crypto';
import { ORDER_REFUNDED } from '../../src/modules/orders/order-transitions';
import { TransactionEvents } from '../../src/platform/events/transaction-events';
import { TransfersService } from '../../src/payments/transfers/transfers.service';
import { createMerchant, createProduct, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { getOrder, payAndSettle, placeOrder, runJobs, settleEverything } from '../support/payments';
import { deliveriesOf, resetSandbox } from './support/sandbox';
import { TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { GATEWAYS, startAppWith } from './support/gateway-under-test';

/** Past the 60 s after which refunds and transfers still processing are asked about at the provider. */
const RECONCILE_AFTER_MS = 61_000;

describe.each(GATEWAYS)(
  'reconciliation recovers refunds and transfers whose notifications were lost (%s gateway)',
  (gatewayUnderTest) => {
    let app: TestApp;
    let merchant: TestMerchant;
    let shopper: TestShopper;
    let product: { id: string };

    beforeAll(async () => {
      app = await startAppWith(gatewayUnderTest);
      merchant = await createMerchant(app);
      shopper = await loginShopper(app);
      product = await createProduct(app, merchant, { priceFen: 2500 });
    });
    afterAll(() => app.close());
    afterEach(() => resetSandbox(app));

    const sandboxSettings = async (body: Record<string, number>) => {
      const response = await app.http.request('PUT', '/v1/sandbox/settings', { token: TEST_ADMIN_TOKEN, body });
      expect(response.status).toBe(200);
    };

    const deliveriesOfResource = (eventType: string, key: string, value: string) =>
      deliveriesOf(app, `event_type = $1 AND resource->>'${key}' = $2`, [eventType, value]);

    /** Delivery runs over a few back-off steps, so dropped notifications are retried (and dropped) several times. */
    async function deliverForAWhile(): Promise<void> {
      for (const step of [0, 1_000, 2_000, 4_000]) {
        app.clock.advance(step);
        await runJobs(app, 'sandbox.deliver');
      }
    }

    it('a refund whose REFUND.SUCCESS never arrives is settled by payments.reconcile; the late copy changes nothing', async () => {
      const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 2 }]); // 5,000 fen
      expect((await payAndSettle(app, shopper, order)).status).toBe('paid');

      await sandboxSettings({ dropFirst: 100 }); // every delivery attempt is lost on the way
      const created = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
        token: merchant.apiKey,
        body: { amountFen: 1200, reason: 'damaged' },
      });
      expect(created.status).toBe(201);
      const { outRefundNo } = created.body;
      await settleEverything(app);
      await deliverForAWhile();

      // The provider has refunded and tried to say so; we have heard nothing.
      const [atProvider] = await app.db.query('SELECT status FROM sandbox_refunds WHERE out_refund_no = $1', [
        outRefundNo,
      ]);
      expect(atProvider).toEqual({ status: 'SUCCESS' });
      const [lost] = await deliveriesOfResource('REFUND.SUCCESS', 'out_refund_no', outRefundNo);
      expect(lost.status).toBe('pending');
      expect(lost.attempts).toBeGreaterThanOrEqual(3);
      expect(await getOrder(app, shopper, order.id)).toMatchObject({ status: 'paid', refundedFen: 0 });

      // Not yet due: a run before the reconcile delay leaves it processing.
      await runJobs(app, 'payments.reconcile');
      expect((await getOrder(app, shopper, order.id)).refundedFen).toBe(0);

      const emitted = jest.spyOn(app.app.get(TransactionEvents), 'emit');
      app.clock.advance(RECONCILE_AFTER_MS);
      await runJobs(app, 'payments.reconcile');
      expect(await getOrder(app, shopper, order.id)).toMatchObject({ status: 'partially_refunded', refundedFen: 1200 });
      const [refund] = await app.db.query('SELECT status FROM order_refunds WHERE out_refund_no = $1', [outRefundNo]);
      expect(refund).toEqual({ status: 'succeeded' });

      // The network heals and the provider's re-delivery finally lands: acknowledged, counted once.
      await sandboxSettings({ dropFirst: 0 });
      app.clock.advance(120_000);
      await runJobs(app, 'sandbox.deliver');
      expect((await deliveriesOfResource('REFUND.SUCCESS', 'out_refund_no', outRefundNo))[0].status).toBe('delivered');
      await settleEverything(app);
      expect(await getOrder(app, shopper, order.id)).toMatchObject({ status: 'partially_refunded', refundedFen: 1200 });
      // The late copy moved nothing, so the order's consequences (rebates, seats) heard of the refund only once.
      expect(emitted.mock.calls.filter(([topic]) => topic === ORDER_REFUNDED)).toHaveLength(1);
      emitted.mockRestore();
    });

    it('a transfer whose MCHTRANSFER.BILL.FINISHED never arrives ends succeeded through transfers.reconcile', async () => {
      const payee = await loginShopper(app);
      await sandboxSettings({ dropFirst: 100 });
      await app.app.get(TransfersService).request({
        businessKey: `rebate:reconcile-${payee.id}`,
        shopperId: payee.id,
        merchantId: randomUUID(),
        openid: payee.openid,
        amountFen: 600,
        reason: 'rebate',
        remark: 'Cash rebate',
      });
      await settleEverything(app);
      await deliverForAWhile();

      const [atProvider] = await app.db.query<{ out_bill_no: string; state: string }>(
        'SELECT out_bill_no, state FROM sandbox_transfers WHERE openid = $1',
        [payee.openid],
      );
      expect(atProvider.state).toBe('SUCCESS');
      const [lost] = await deliveriesOfResource('MCHTRANSFER.BILL.FINISHED', 'out_bill_no', atProvider.out_bill_no);
      expect(lost.status).toBe('pending');
      expect(lost.attempts).toBeGreaterThanOrEqual(3);
      const mine = () => app.http.get('/v1/me/transfers', { token: payee.token });
      expect((await mine()).body.items).toEqual([expect.objectContaining({ amountFen: 600, status: 'processing' })]);

      await runJobs(app, 'transfers.reconcile'); // not due yet
      expect((await mine()).body.items[0].status).toBe('processing');

      app.clock.advance(RECONCILE_AFTER_MS);
      await runJobs(app, 'transfers.reconcile');
      expect((await mine()).body.items).toEqual([
        {
          id: expect.any(String),
          amountFen: 600,
          reason: 'rebate',
          status: 'succeeded',
          createdAt: expect.any(String),
        },
      ]);
      const [settled] = await app.db.query<{ settled_at: Date }>(
        'SELECT settled_at FROM transfers WHERE out_bill_no = $1',
        [atProvider.out_bill_no],
      );

      // The late notification is acknowledged and changes nothing; the provider paid once.
      await sandboxSettings({ dropFirst: 0 });
      app.clock.advance(120_000);
      await runJobs(app, 'sandbox.deliver');
      expect(
        (await deliveriesOfResource('MCHTRANSFER.BILL.FINISHED', 'out_bill_no', atProvider.out_bill_no))[0].status,
      ).toBe('delivered');
      expect(
        await app.db.query('SELECT settled_at FROM transfers WHERE out_bill_no = $1', [atProvider.out_bill_no]),
      ).toEqual([settled]);
      expect(await app.db.query('SELECT 1 FROM sandbox_transfers WHERE openid = $1', [payee.openid])).toHaveLength(1);
    });
  },
);
