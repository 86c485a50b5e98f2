import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

describe('group-buy campaigns', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string; priceFen: number };
  let valid: Record<string, unknown>;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant, { priceFen: 10_000 });
    const now = app.clock.now().getTime();
    valid = {
      productId: product.id,
      groupPriceFen: 6000,
      groupSize: 3,
      completionWindowSeconds: 86_400,
      startsAt: new Date(now).toISOString(),
      endsAt: new Date(now + 86_400_000).toISOString(),
    };
  });
  afterAll(() => app.close());

  const create = (body: Record<string, unknown>, options: { token?: string; idempotencyKey?: string } = {}) =>
    app.http.post('/v1/merchant/group-buys', { token: options.token ?? merchant.apiKey, body, ...options });

  it('creates a campaign with defaults, and reads it back with zeroed stats', async () => {
    const created = await create(valid);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      productId: product.id,
      productName: 'Test product',
      groupPriceFen: 6000,
      leaderPriceFen: null,
      groupSize: 3,
      completionWindowSeconds: 86_400,
      paymentWindowSeconds: 600,
      virtualCompletion: false,
      startsAt: valid.startsAt,
      endsAt: valid.endsAt,
      createdAt: expect.any(String),
      status: 'active',
      endedAt: null,
    });
    const read = await app.http.get(`/v1/merchant/group-buys/${created.body.id}`, { token: merchant.apiKey });
    expect(read.status).toBe(200);
    expect(read.body.stats).toEqual({
      rooms: 0,
      pending: 0,
      open: 0,
      completed: 0,
      failed: 0,
      cancelled: 0,
      shares: 0,
      joinsFromShares: 0,
    });
  });

  it.each([
    ['groupSize', 1],
    ['groupSize', 51],
    ['groupSize', 2.5],
    ['completionWindowSeconds', 9],
    ['completionWindowSeconds', 604_801],
    ['paymentWindowSeconds', 9],
    ['paymentWindowSeconds', 3601],
    ['groupPriceFen', 0],
    ['groupPriceFen', '6000'],
    ['leaderPriceFen', 0],
    ['virtualCompletion', 'yes'],
    ['startsAt', 'tomorrow'],
    ['productId', 'nope'],
    ['unknownField', 1],
  ])('refuses %s = %j', async (field, value) => {
    const response = await create({ ...valid, [field]: value });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it.each([
    ['endsAt', { endsAt: '2020-01-01T00:00:00.000Z' }],
    ['groupPriceFen', { groupPriceFen: 10_001 }],
    ['leaderPriceFen', { leaderPriceFen: 6001 }],
  ])('refuses a campaign whose %s breaks a rule between fields', async (field, patch) => {
    const response = await create({ ...valid, ...patch });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([{ field, problems: [expect.any(String)] }]);
  });

  it('accepts the edges of every range', async () => {
    for (const patch of [
      { groupSize: 2, completionWindowSeconds: 10, paymentWindowSeconds: 10, groupPriceFen: 1, leaderPriceFen: 1 },
      { groupSize: 50, completionWindowSeconds: 604_800, paymentWindowSeconds: 3600, groupPriceFen: 10_000 },
      { leaderPriceFen: null, virtualCompletion: true },
    ]) {
      expect((await create({ ...valid, ...patch })).status).toBe(201);
    }
  });

  it("another merchant's product is 404, and so is their campaign", async () => {
    const other = await createMerchant(app, 'Other');
    expectError(await create(valid, { token: other.apiKey }), 404, 'NOT_FOUND');
    const mine = await create(valid);
    expectError(
      await app.http.get(`/v1/merchant/group-buys/${mine.body.id}`, { token: other.apiKey }),
      404,
      'NOT_FOUND',
    );
    expectError(await app.http.get('/v1/merchant/group-buys/not-an-id', { token: merchant.apiKey }), 404, 'NOT_FOUND');
  });

  it('creation is idempotent with an Idempotency-Key', async () => {
    const first = await create(valid, { idempotencyKey: 'campaign-1' });
    const again = await create(valid, { idempotencyKey: 'campaign-1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expectError(
      await create({ ...valid, groupSize: 4 }, { idempotencyKey: 'campaign-1' }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
  });

  it('shoppers read the public view; merchants use their own route', async () => {
    const created = await create(valid);
    const shopper = await loginShopper(app);
    const view = await app.http.get(`/v1/group-buys/${created.body.id}`, { token: shopper.token });
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ id: created.body.id, phase: 'active', openRooms: [] });
    expect(view.body.stats).toBeUndefined();
    expectError(
      await app.http.get(`/v1/merchant/group-buys/${created.body.id}`, { token: shopper.token }),
      403,
      'FORBIDDEN',
    );
    expectError(
      await app.http.get('/v1/group-buys/00000000-0000-4000-8000-000000000000', { token: shopper.token }),
      404,
      'NOT_FOUND',
    );
  });

  it('the OpenAPI document describes every group-buy route', async () => {
    const document = (await app.http.get('/docs-json')).body;
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/v1/merchant/group-buys',
        '/v1/merchant/group-buys/{id}',
        '/v1/group-buys/{id}',
        '/v1/group-buys/{id}/rooms',
        '/v1/group-rooms/{id}',
        '/v1/group-rooms/by-share/{shareToken}',
        '/v1/group-rooms/{id}/qrcode',
        '/v1/group-rooms/{id}/join',
      ]),
    );
    expect(Object.keys(document.paths['/v1/group-rooms/{id}/qrcode'].get.responses['200'].content)).toEqual([
      'image/png',
    ]);
  });
});
