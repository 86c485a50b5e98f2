import { WebhookDispatcher } from '../../src/modules/webhooks/delivery/webhook-dispatcher';
import { LAGGING_JOBS } from '../../src/platform/metrics/due-work.sql';
import { METRICS, seriesNames } from '../../src/platform/metrics/metric-catalogue';
import {
  accepted,
  Attempt,
  createSale,
  eventually,
  GATE_MODES,
  mintShoppers,
  persistReservations,
  stampede,
} from '../flash-sale/flash-fixtures';
import { claim, createTemplate } from '../coupons/coupon-fixtures';
import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { Scrape } from '../support/metrics-scrape';
import { payAndSettle, placeOrder, runJobs } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { createEndpoint, WebhookReceiver } from '../webhooks/webhook-receiver';

const PURCHASE_ROUTE = '/v1/flash-sales/:id/purchase';
const GATE = { gate: 'flash_sale' };

/** `/metrics` parsed by a Prometheus text-format parser, against the real service, Postgres and Redis. */
describe('GET /metrics', () => {
  describe.each(GATE_MODES)('with the %s gate', (mode) => {
    let app: TestApp;
    let merchant: TestMerchant;
    let product: { id: string };

    beforeAll(async () => {
      app = await startTestApp({ redis: mode === 'redis' });
      merchant = await createMerchant(app);
      product = await createProduct(app, merchant, { priceFen: 5000 });
    });
    afterAll(() => app.close());

    it('shows every metric of the catalogue and the process metrics; no collector failed', async () => {
      const scrape = await eventually(
        () => Scrape.of(app),
        // The restock subscriber connects in the background.
        (read) => mode === 'postgres' || read.value(METRICS.redisReady.name, { connection: 'subscriber' }) === 1,
      );
      const names = new Set(scrape.families.map((family) => family.name));
      for (const definition of Object.values(METRICS)) {
        const streams = definition.name.startsWith('engage_gate_stream');
        if (mode === 'postgres' && (streams || definition.name === METRICS.redisReady.name)) continue;
        expect(names).toContain(definition.name);
      }
      expect(names).toContain('process_cpu_user_seconds_total');
      expect(names).toContain('nodejs_eventloop_lag_p99_seconds');
      for (const family of scrape.families.filter((one) => one.name === METRICS.collectFailures.name)) {
        expect(family.metrics.map((sample) => Number(sample.value))).toEqual(family.metrics.map(() => 0));
      }
      const jobs = scrape.family(METRICS.jobLag.name)!.metrics.map((sample) => sample.labels!.job);
      expect(jobs.sort()).toEqual([...LAGGING_JOBS].sort());
      expect(scrape.value(METRICS.pgPoolConnections.name, { state: 'total' })).toBeGreaterThanOrEqual(1);
      expect(scrape.value(METRICS.pgPoolConnections.name, { state: 'max' })).toBeGreaterThanOrEqual(1);
      if (mode === 'redis') {
        for (const connection of ['main', 'purchase', 'subscriber']) {
          expect(scrape.value(METRICS.redisReady.name, { connection })).toBe(1);
        }
      }
      // A histogram's series, as Prometheus stores them.
      expect(seriesNames(METRICS.httpDuration.name)).toContain('engage_http_request_duration_seconds_bucket');
    });

    it('a stampede moves the gate counters and the purchase route by exactly what the answers said', async () => {
      const sale = await createSale(app, merchant, product.id, { totalStock: 20, perUserLimit: 1 });
      const shoppers = await mintShoppers(app, 40, `metrics_${mode}`);
      const before = await Scrape.of(app);
      const attempts: Attempt[] = await stampede(app, shoppers, sale.id, 3);
      const after = await Scrape.of(app);

      const answered = (code: string) => attempts.filter((a) => a.response.body?.error?.code === code).length;
      const winners = accepted(attempts);
      expect(winners).toHaveLength(20);
      const moved = (name: string, labels: Record<string, string>) =>
        after.value(name, labels) - before.value(name, labels);
      expect(moved(METRICS.gateAttempts.name, { ...GATE, outcome: 'accepted' })).toBe(winners.length);
      expect(moved(METRICS.gateAttempts.name, { ...GATE, outcome: 'sold_out' })).toBe(answered('FLASH_SALE_SOLD_OUT'));
      expect(moved(METRICS.gateAttempts.name, { ...GATE, outcome: 'limit_reached' })).toBe(
        answered('FLASH_SALE_LIMIT_REACHED'),
      );
      expect(answered('FLASH_SALE_SOLD_OUT')).toBeGreaterThan(0);
      const totalMoved = after
        .family(METRICS.gateAttempts.name)!
        .metrics.reduce((sum, sample) => sum + Number(sample.value), 0);
      const totalBefore = before
        .family(METRICS.gateAttempts.name)!
        .metrics.reduce((sum, sample) => sum + Number(sample.value), 0);
      expect(totalMoved - totalBefore).toBe(attempts.length);

      // The purchase is answered in front of Fastify: counted under its template all the same.
      const route = { method: 'POST', route: PURCHASE_ROUTE };
      expect(moved(METRICS.httpResponses.name, { ...route, status: '202' })).toBe(winners.length);
      expect(moved(METRICS.httpResponses.name, { ...route, status: '409' })).toBe(attempts.length - winners.length);
      const latency = (suffix: string, labels: Record<string, string>) =>
        after.value(`${METRICS.httpDuration.name}_${suffix}`, { ...route, status_class: '4xx', ...labels });
      expect(latency('count', {})).toBe(attempts.length - winners.length);
      expect(latency('bucket', { le: '+Inf' })).toBe(latency('count', {}));
      expect(latency('bucket', { le: '0.001' })).toBeLessThanOrEqual(latency('bucket', { le: '10' }));
      expect(latency('sum', {})).toBeGreaterThan(0);

      if (mode === 'redis') {
        // Accepted reservations wait in the sale's stream until the consumer writes them.
        expect(after.value(METRICS.gateStreamEntries.name, GATE)).toBe(winners.length);
        await persistReservations(app);
        const persisted = await Scrape.of(app);
        expect(persisted.value(METRICS.gateStreamEntries.name, GATE)).toBe(0);
        expect(persisted.value(METRICS.gateStreamPending.name, GATE)).toBe(0);
      }
    });
  });

  describe('with the Redis claim and draw gates', () => {
    let app: TestApp;
    let merchant: TestMerchant;

    beforeAll(async () => {
      app = await startTestApp({ redis: true });
      merchant = await createMerchant(app);
    });
    afterAll(() => app.close());

    it('a claim stampede moves the coupon_claim counters and the claim route by exactly what the answers said', async () => {
      const template = await createTemplate(app, merchant, { totalQuantity: 15, perUserLimit: 1 });
      const shoppers = await mintShoppers(app, 20, 'metrics_claims');
      const gate = { gate: 'coupon_claim' };
      const before = await Scrape.of(app);
      const responses = await Promise.all(
        shoppers.flatMap((shopper) => [0, 1].map(() => claim(app, shopper, template.id))),
      );
      const after = await Scrape.of(app);
      const moved = (name: string, labels: Record<string, string>) =>
        after.value(name, labels) - before.value(name, labels);
      const answered = (code: string) => responses.filter((r) => r.body?.error?.code === code).length;
      const created = responses.filter((r) => r.status === 201).length;
      expect(created).toBe(15);
      expect(moved(METRICS.gateAttempts.name, { ...gate, outcome: 'accepted' })).toBe(created);
      expect(moved(METRICS.gateAttempts.name, { ...gate, outcome: 'sold_out' })).toBe(answered('COUPON_SOLD_OUT'));
      expect(moved(METRICS.gateAttempts.name, { ...gate, outcome: 'limit_reached' })).toBe(
        answered('COUPON_LIMIT_REACHED'),
      );
      expect(answered('COUPON_SOLD_OUT') + answered('COUPON_LIMIT_REACHED')).toBe(responses.length - created);
      const route = { method: 'POST', route: '/v1/coupon-templates/:id/claim' };
      expect(moved(METRICS.httpResponses.name, { ...route, status: '201' })).toBe(created);
      // Each 201 came after its group commit: nothing is left in the template's stream.
      expect(after.value(METRICS.gateStreamEntries.name, gate)).toBe(0);
    });
  });

  describe('HTTP per route, and the backlogs', () => {
    let app: TestApp;
    let merchant: TestMerchant;
    let receiver: WebhookReceiver;

    beforeAll(async () => {
      app = await startTestApp();
      merchant = await createMerchant(app);
      receiver = await WebhookReceiver.start();
    });
    afterAll(async () => {
      await app.app.get(WebhookDispatcher).idle();
      await receiver.close();
      await app.close();
    });

    it('counts answers per route template, method and status; a URL no route matches as one series; not /metrics', async () => {
      const before = await Scrape.of(app);
      for (let i = 0; i < 3; i++)
        expect((await app.http.get('/v1/merchant/me', { token: merchant.apiKey })).status).toBe(200);
      expectError(await app.http.get('/v1/merchant/me'), 401, 'UNAUTHENTICATED');
      const product = await createProduct(app, merchant, { priceFen: 100 });
      expect((await app.http.get(`/v1/merchant/products/${product.id}`, { token: merchant.apiKey })).status).toBe(200);
      expect((await app.http.get('/no/such/route/42')).status).toBe(404);
      await Scrape.of(app);
      const after = await Scrape.of(app);
      const moved = (labels: Record<string, string>) =>
        after.value(METRICS.httpResponses.name, labels) - before.value(METRICS.httpResponses.name, labels);

      expect(moved({ method: 'GET', route: '/v1/merchant/me', status: '200' })).toBe(3);
      expect(moved({ method: 'GET', route: '/v1/merchant/me', status: '401' })).toBe(1);
      expect(moved({ method: 'GET', route: '/v1/merchant/products/:id', status: '200' })).toBe(1);
      expect(moved({ method: 'GET', route: 'unmatched', status: '404' })).toBe(1);
      const routes = after.family(METRICS.httpResponses.name)!.metrics.map((sample) => sample.labels!.route);
      expect(routes).not.toContain('/metrics');
      expect(routes.some((route) => route.includes(product.id))).toBe(false);
    });

    it('counts the outbox and webhook backlogs and their age, and shows them draining to 0', async () => {
      const shop = await createMerchant(app, 'Backlog shop');
      const goods = await createProduct(app, shop, { priceFen: 1200 });
      await createEndpoint(app, shop, receiver.url, ['order.cancelled']);
      for (let i = 0; i < 3; i++) {
        const shopper = await loginShopper(app);
        const order = await placeOrder(app, shopper, [{ productId: goods.id, quantity: 1 }]);
        expect((await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token })).status).toBe(200);
      }
      // A refund asked for is an outbox message until the gateway is called.
      for (let i = 0; i < 3; i++) {
        const shopper = await loginShopper(app);
        const order = await payAndSettle(
          app,
          shopper,
          await placeOrder(app, shopper, [{ productId: goods.id, quantity: 1 }]),
        );
        const refund = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
          token: shop.apiKey,
          body: { amountFen: 1200, reason: 'metrics' },
        });
        expect(refund.status).toBe(201);
      }
      const pendingIn = async (table: string) =>
        Number((await app.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE status = 'pending'`))[0].n);
      const outboxRows = await pendingIn('outbox_messages');
      expect(outboxRows).toBeGreaterThan(0);
      expect(await pendingIn('webhook_deliveries')).toBe(3);

      app.clock.advance(30_000);
      const backlog = await Scrape.of(app);
      expect(backlog.value(METRICS.outboxPending.name)).toBe(outboxRows);
      expect(backlog.value(METRICS.outboxOldestAge.name)).toBeGreaterThanOrEqual(30);
      expect(backlog.value(METRICS.jobLag.name, { job: 'outbox.dispatch' })).toBeGreaterThanOrEqual(30);
      expect(backlog.value(METRICS.webhookPending.name)).toBe(3);
      expect(backlog.value(METRICS.webhookOldestAge.name)).toBeGreaterThanOrEqual(30);
      expect(backlog.value(METRICS.jobLag.name, { job: 'webhooks.dispatch' })).toBeGreaterThanOrEqual(30);

      const drained = await eventually(
        async () => {
          await runJobs(app, 'outbox.dispatch', 'webhooks.dispatch', 'sandbox.settle', 'sandbox.deliver');
          await app.app.get(WebhookDispatcher).idle();
          return Scrape.of(app);
        },
        (scrape) => scrape.value(METRICS.outboxPending.name) === 0 && scrape.value(METRICS.webhookPending.name) === 0,
      );
      expect(drained.value(METRICS.outboxPending.name)).toBe(0);
      expect(drained.value(METRICS.outboxOldestAge.name)).toBe(0);
      expect(drained.value(METRICS.webhookPending.name)).toBe(0);
      expect(drained.value(METRICS.webhookOldestAge.name)).toBe(0);
      expect(drained.value(METRICS.jobLag.name, { job: 'outbox.dispatch' })).toBe(0);
      expect(await receiver.waitFor(3)).toHaveLength(3);
    });
  });

  describe('access (METRICS_TOKEN)', () => {
    const TOKEN = 'metrics-token-0123456789abcdef';
    let app: TestApp | undefined;
    afterEach(() => app?.close());

    it('with the token set: 401 in the envelope without it or with another, 200 with it; never rate limited', async () => {
      app = await startTestApp({ redis: false, env: { METRICS_TOKEN: TOKEN, RATE_LIMIT_PER_MINUTE: '3' } });
      expectError(await app.http.get('/metrics'), 401, 'UNAUTHENTICATED');
      expectError(await app.http.get('/metrics', { token: `${TOKEN}x` }), 401, 'UNAUTHENTICATED');
      for (let i = 0; i < 6; i++) {
        const scrape = await app.http.get('/metrics', { token: TOKEN });
        expect(scrape.status).toBe(200);
        expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      }
      // The limit is live on the API's routes meanwhile.
      const statuses = [];
      for (let i = 0; i < 5; i++) statuses.push((await app.http.get('/v1/merchant/me')).status);
      expect(statuses).toContain(429);
    });

    it('with the token unset: open outside production, 404 in production as a route that does not exist', async () => {
      app = await startTestApp({ redis: false });
      expect((await app.http.get('/metrics')).status).toBe(200);
      await app.close();
      app = await startTestApp({ redis: false, env: { NODE_ENV: 'production', ALLOW_SANDBOX: 'true' } });
      expectError(await app.http.get('/metrics'), 404, 'NOT_FOUND');
      expectError(await app.http.get('/metrics', { token: TOKEN }), 404, 'NOT_FOUND');
    });
  });
});
