import { SandboxFaults } from '../../src/payments/sandbox/sandbox-faults';
import { claimOk, createTemplate } from '../coupons/coupon-fixtures';
import { createCampaign, joinRoom, openRoom, pay, seatCounts } from '../group-buy/group-buy-fixtures';
import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { runJobs } from '../support/payments';
import { TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import { GATEWAYS, startAppWith } from './support/gateway-under-test';
import { testEnvironment } from '../support/test-env';
import { until } from '../support/until';

const TIMEOUT_MS = 1500;
/** What a request may take beyond the gateway timeout: the order's own transactions on a busy test machine. */
const SLACK_MS = 1500;

describe.each(GATEWAYS)(
  'payment gateway calls run outside any transaction: a failing or hanging provider on create (%s gateway)',
  (gatewayUnderTest) => {
    let app: TestApp;
    let faults: SandboxFaults;
    let merchant: TestMerchant;
    let tea: { id: string };
    let template: any;

    beforeAll(async () => {
      app = await startAppWith(gatewayUnderTest, { env: { PAYMENT_GATEWAY_TIMEOUT_MS: String(TIMEOUT_MS) } });
      faults = app.app.get(SandboxFaults);
      merchant = await createMerchant(app);
      tea = await createProduct(app, merchant, { priceFen: 5000 });
      template = await createTemplate(app, merchant, {
        valueFen: 2000,
        minSpendFen: 8000,
        perUserLimit: 20,
        totalQuantity: 100,
      });
    });
    afterEach(() => faults.clear());
    afterAll(() => app.close());

    const inject = async (fault: Record<string, unknown>) => {
      const injected = await app.http.post('/v1/sandbox/faults', {
        token: TEST_ADMIN_TOKEN,
        body: { operation: 'createJsapiOrder', code: 'SYSTEM_ERROR', times: 1, ...fault },
      });
      expect(injected.status).toBe(201);
    };
    const order = (who: TestShopper, couponId: string) =>
      app.http.post('/v1/orders', {
        token: who.token,
        body: { items: [{ productId: tea.id, quantity: 2 }], couponId },
      });
    const couponRow = async (couponId: string) =>
      (
        await app.db.query<{ status: string; order_id: string | null }>(
          'SELECT status, order_id FROM coupons WHERE id = $1',
          [couponId],
        )
      )[0];
    const ordersOf = (couponId: string) =>
      app.db.query<{ status: string; cancel_reason: string | null }>(
        'SELECT status, cancel_reason FROM orders WHERE coupon_id = $1 ORDER BY created_at',
        [couponId],
      );
    /** Sessions of this service's pool that sit inside an open transaction right now (a server database only). */
    const idleInTransaction = async (): Promise<number> => {
      if (testEnvironment().postgresMode !== 'server') return 0;
      const [{ n }] = await app.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
       WHERE datname = current_database() AND application_name = 'engage' AND state LIKE 'idle in transaction%'`,
      );
      return n;
    };
    /** Cancel consequences still travelling through the outbox, and the reconciliation job's settling. */
    const settle = () => runJobs(app, 'payments.reconcile', 'outbox.dispatch', 'outbox.dispatch');

    it('refused: 503 within the timeout, the order cancelled and its coupon free again', async () => {
      const shopper = await loginShopper(app);
      const coupon = await claimOk(app, shopper, template.id);
      await inject({});
      const startedAt = Date.now();
      expectError(await order(shopper, coupon.id), 503, 'PAYMENT_PROVIDER_UNAVAILABLE');
      expect(Date.now() - startedAt).toBeLessThan(TIMEOUT_MS);
      await settle();
      expect(await ordersOf(coupon.id)).toEqual([{ status: 'cancelled', cancel_reason: 'payment_unavailable' }]);
      expect(await couponRow(coupon.id)).toEqual({ status: 'available', order_id: null });
      // The coupon serves the next order at once.
      expect((await order(shopper, coupon.id)).status).toBe(201);
    });

    it('with an Idempotency-Key: a refused order is not kept as the answer; the retry with the same key places it', async () => {
      const shopper = await loginShopper(app);
      const coupon = await claimOk(app, shopper, template.id);
      await inject({});
      const place = () =>
        app.http.post('/v1/orders', {
          token: shopper.token,
          body: { items: [{ productId: tea.id, quantity: 2 }], couponId: coupon.id },
          idempotencyKey: `order-${coupon.id}`,
        });
      expectError(await place(), 503, 'PAYMENT_PROVIDER_UNAVAILABLE');
      await settle();
      const placed = await place();
      expect(placed.status).toBe(201);
      expect(placed.body).toMatchObject({ status: 'pending_payment', couponId: coupon.id });
      expect(placed.body.payment.payParams).not.toBeNull();
      const again = await place();
      expect(again.status).toBe(201);
      expect(again.body).toEqual(placed.body);
    });

    it('hanging: 503 within the timeout; meanwhile nothing is held open, and afterwards nothing stays held', async () => {
      const shopper = await loginShopper(app);
      const coupon = await claimOk(app, shopper, template.id);
      await inject({ hangMs: 600_000 });
      const startedAt = Date.now();
      const first = order(shopper, coupon.id);
      await until(() => faults.hangingNow() === 1, 'the create call to hang');

      // While the provider does not answer: no session of the pool sits in a transaction, and a request that
      // needs the coupon's row answers at once (the coupon is locked to the first order, committed already).
      expect(await idleInTransaction()).toBe(0);
      expectError(await order(shopper, coupon.id), 409, 'COUPON_NOT_APPLICABLE');
      expect(faults.hangingNow()).toBe(1);

      expectError(await first, 503, 'PAYMENT_PROVIDER_UNAVAILABLE');
      expect(Date.now() - startedAt).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      expect(faults.hangingNow()).toBe(1); // the provider still has not answered: the outcome is unknown

      // Reconciliation settles it: closed at the provider, cancelled here, the coupon free.
      await settle();
      expect(await ordersOf(coupon.id)).toEqual([{ status: 'cancelled', cancel_reason: 'payment_unavailable' }]);
      expect(await couponRow(coupon.id)).toEqual({ status: 'available', order_id: null });
      const [trade] = await app.db.query<{ trade_state: string }>(
        'SELECT trade_state FROM sandbox_transactions WHERE out_trade_no = (SELECT out_trade_no FROM orders WHERE coupon_id = $1)',
        [coupon.id],
      );
      expect(trade).toBeUndefined(); // the hung call never reached the provider's books
      expect((await order(shopper, coupon.id)).status).toBe(201);
    });

    it('hanging on a group-buy join: another shopper joins the same room meanwhile, and the seat comes back', async () => {
      const campaign = await createCampaign(app, merchant, {
        productId: tea.id,
        groupSize: 3,
        groupPriceFen: 4000,
        leaderPriceFen: 3500,
      });
      const leader = await loginShopper(app);
      const opened = await openRoom(app, leader, campaign.id);
      await pay(app, opened.order);
      const stuck = await loginShopper(app);
      const other = await loginShopper(app);

      await inject({ hangMs: 600_000 });
      const startedAt = Date.now();
      const first = joinRoom(app, stuck, opened.room.id, opened.room.shareToken);
      await until(() => faults.hangingNow() === 1, 'the create call to hang');
      // The seat is committed; the room's row is not locked during the call: a second join goes through.
      expect(await idleInTransaction()).toBe(0);
      expect((await joinRoom(app, other, opened.room.id, opened.room.shareToken)).status).toBe(201);
      expect(faults.hangingNow()).toBe(1);
      expect(await seatCounts(app, opened.room.id)).toMatchObject({ seatsTaken: 3, held: 2, paid: 1 });

      expectError(await first, 503, 'PAYMENT_PROVIDER_UNAVAILABLE');
      expect(Date.now() - startedAt).toBeLessThan(TIMEOUT_MS + SLACK_MS);
      await settle();
      expect(await seatCounts(app, opened.room.id)).toMatchObject({ status: 'open', seatsTaken: 2, held: 1, paid: 1 });
      const [stuckOrder] = await app.db.query<{ status: string }>(
        `SELECT o.status FROM orders o JOIN group_room_members m ON m.order_id = o.id
       WHERE m.room_id = $1 AND m.user_id = $2`,
        [opened.room.id, stuck.id],
      );
      expect(stuckOrder).toEqual({ status: 'cancelled' });
    });
  },
);
