import { randomUUID } from 'node:crypto';
import { campaignsOf, Kind } from '../campaigns/campaign-fixtures';
import { createTemplate, MODES } from '../coupons/coupon-fixtures';
import { createSale } from '../flash-sale/flash-fixtures';
import { createCampaign as createGroupBuy } from '../group-buy/group-buy-fixtures';
import { createCampaign as createDraw, draw } from '../lucky-draw/lucky-draw-fixtures';
import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { payAndSettle, placeOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';

const HOUR = 3_600_000;
const KINDS: Kind[] = ['coupon-templates', 'flash-sales', 'group-buys', 'lucky-draws', 'rebate-rules'];

/**
 * Every merchant-operations route that names a resource by id answers another merchant 404 NOT_FOUND, as it
 * answers an id that does not exist, and the refused request changes nothing; no list shows another merchant's rows.
 */
describe.each(MODES)("another merchant's ids on the merchant-operations routes %s", (_mode, options) => {
  let app: TestApp;
  let owner: TestMerchant;
  let stranger: TestMerchant;
  /** The owner's resources, one of each, and what the owner reads of them before the stranger tries. */
  let ids: Record<Kind, string> & { product: string; order: string; refund: string; drawId: string };
  let before: Record<string, unknown>;

  const later = (ms: number) => new Date(app.clock.now().getTime() + ms).toISOString();

  /** A valid change for each kind, so that only ownership can refuse it. */
  const changes: Record<Kind, () => Record<string, unknown>> = {
    'coupon-templates': () => ({ name: 'Stolen' }),
    'flash-sales': () => ({ totalStock: 60 }),
    'group-buys': () => ({ endsAt: later(30 * 24 * HOUR) }),
    'lucky-draws': () => ({ name: 'Stolen' }),
    'rebate-rules': () => ({ name: 'Stolen' }),
  };

  /** Every GET the owner can make of its resources: what must be unchanged after the stranger's attempts. */
  const ownerReads = () => [
    ...KINDS.map((kind) => `/v1/merchant/${kind}/${ids[kind]}`),
    `/v1/merchant/coupon-templates/${ids['coupon-templates']}/codes`,
    `/v1/merchant/lucky-draws/${ids['lucky-draws']}/fulfilments`,
    `/v1/merchant/products/${ids.product}`,
    `/v1/merchant/orders/${ids.order}`,
    `/v1/merchant/refunds/${ids.refund}`,
  ];

  async function readAsOwner(): Promise<Record<string, unknown>> {
    const read: Record<string, unknown> = {};
    for (const path of ownerReads()) {
      const response = await app.http.get(path, { token: owner.apiKey });
      expect({ path, status: response.status }).toEqual({ path, status: 200 });
      read[path] = response.body;
    }
    return read;
  }

  beforeAll(async () => {
    app = await startTestApp(options);
    owner = await createMerchant(app, 'Owner');
    stranger = await createMerchant(app, 'Stranger');
    const product = await createProduct(app, owner, { priceFen: 10_000 });
    const template = await createTemplate(app, owner, { distribution: 'code' });
    const codes = await app.http.post(`/v1/merchant/coupon-templates/${template.id}/codes`, {
      token: owner.apiKey,
      body: { count: 2 },
    });
    expect(codes.status).toBe(201);
    const sale = await createSale(app, owner, product.id);
    const groupBuy = await createGroupBuy(app, owner, { productId: product.id });
    const luckyDraw = await createDraw(app, owner, { prizes: [{ name: 'Tea cup', kind: 'item', weight: 1 }] });
    const won = await draw(app, await loginShopper(app), luckyDraw.id);
    expect(won.status).toBe(201);
    const rule = await app.http.post('/v1/merchant/rebate-rules', {
      token: owner.apiKey,
      body: { name: 'Back', kind: 'fixed', valueFen: 100, startsAt: later(-HOUR), endsAt: later(24 * HOUR) },
    });
    expect(rule.status).toBe(201);
    const shopper = await loginShopper(app);
    const order = await placeOrder(app, shopper, [{ productId: product.id, quantity: 1 }]);
    await payAndSettle(app, shopper, order);
    const refund = await app.http.post(`/v1/merchant/orders/${order.id}/refunds`, {
      token: owner.apiKey,
      body: { amountFen: 500, reason: 'Dented' },
    });
    expect(refund.status).toBe(201);
    ids = {
      'coupon-templates': template.id,
      'flash-sales': sale.id,
      'group-buys': groupBuy.id,
      'lucky-draws': luckyDraw.id,
      'rebate-rules': rule.body.id,
      product: product.id,
      order: order.id,
      refund: refund.body.id,
      drawId: won.body.drawId,
    };
    before = await readAsOwner();
  });
  afterAll(() => app.close());

  it.each(KINDS)("%s: GET, PATCH, end and timeline of another merchant's campaign are 404", async (kind) => {
    const theirs = campaignsOf(app, stranger, kind);
    for (const id of [ids[kind], randomUUID(), 'not-an-id']) {
      expectError(await theirs.get(id), 404, 'NOT_FOUND');
      expectError(await theirs.patch(id, changes[kind]()), 404, 'NOT_FOUND');
      expectError(await theirs.end(id), 404, 'NOT_FOUND');
      expectError(await theirs.timeline(id, 'day'), 404, 'NOT_FOUND');
    }
  });

  it('codes, fulfilments, products, orders and refunds of another merchant are 404', async () => {
    const token = stranger.apiKey;
    const gets = [
      `/v1/merchant/coupon-templates/${ids['coupon-templates']}/codes`,
      `/v1/merchant/lucky-draws/${ids['lucky-draws']}/fulfilments`,
      `/v1/merchant/products/${ids.product}`,
      `/v1/merchant/orders/${ids.order}`,
      `/v1/merchant/refunds/${ids.refund}`,
    ];
    for (const path of gets) expectError(await app.http.get(path, { token }), 404, 'NOT_FOUND');
    const ship = `/v1/merchant/lucky-draws/${ids['lucky-draws']}/fulfilments/${ids.drawId}`;
    expectError(await app.http.post(ship, { token, body: { status: 'shipped', note: 'x' } }), 404, 'NOT_FOUND');
    expectError(
      await app.http.request('PATCH', `/v1/merchant/products/${ids.product}`, { token, body: { name: 'Stolen' } }),
      404,
      'NOT_FOUND',
    );
    expectError(
      await app.http.post(`/v1/merchant/orders/${ids.order}/refunds`, { token, body: { amountFen: 1, reason: 'x' } }),
      404,
      'NOT_FOUND',
    );
  });

  it("no list shows another merchant's rows", async () => {
    const lists = [...KINDS.map((kind) => `/v1/merchant/${kind}`), '/v1/merchant/products', '/v1/merchant/orders'];
    for (const path of lists) {
      const response = await app.http.get(`${path}?limit=100`, { token: stranger.apiKey });
      expect({ path, status: response.status, items: response.body.items }).toEqual({ path, status: 200, items: [] });
    }
    const csv = await app.http.get('/v1/merchant/orders.csv', { token: stranger.apiKey });
    expect(csv.status).toBe(200);
    expect(csv.text).not.toContain(ids.order);
  });

  // After the refusals above (tests of a file run in order).
  it("left everything of the owner's as it was; the owner's own changes of the same kind are accepted", async () => {
    expect(await readAsOwner()).toEqual(before);
    for (const kind of KINDS) {
      const own = await campaignsOf(app, owner, kind).patch(ids[kind], changes[kind]());
      expect({ kind, status: own.status }).toEqual({ kind, status: 200 });
    }
  });
});
