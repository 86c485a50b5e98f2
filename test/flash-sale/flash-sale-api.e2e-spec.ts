import { request as httpRequest } from 'node:http';
import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { FlashStockGate } from '../../src/modules/flash-sale/gate/flash-stock-gate';
import { SaleDirectory } from '../../src/modules/flash-sale/sale-directory';
import { getOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { createSale, GATE_MODES, persistReservations, purchase } from './flash-fixtures';

describe('flash sales: merchant terms, public view, docs', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string };
  let shopper: TestShopper;

  beforeAll(async () => {
    app = await startTestApp({ redis: false });
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant);
    shopper = await loginShopper(app);
  });
  afterAll(() => app.close());

  const create = (body: Record<string, unknown>, token = merchant.apiKey) => {
    const now = app.clock.now().getTime();
    return app.http.post('/v1/merchant/flash-sales', {
      token,
      body: {
        productId: product.id,
        priceFen: 990,
        totalStock: 100,
        startsAt: new Date(now).toISOString(),
        endsAt: new Date(now + 3600_000).toISOString(),
        ...body,
      },
    });
  };

  it('creates a sale with the defaults and its stats', async () => {
    const response = await create({});
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      id: expect.any(String),
      merchantId: merchant.id,
      productId: product.id,
      priceFen: 990,
      totalStock: 100,
      perUserLimit: 1,
      paymentWindowSeconds: 600,
      status: 'active',
      remainingStock: 100,
      stats: { totalStock: 100, reserved: 0, paid: 0, remaining: 100 },
      failedReservations: 0,
    });
    const again = await app.http.get(`/v1/merchant/flash-sales/${response.body.id}`, { token: merchant.apiKey });
    expect(again.body).toEqual(response.body);
    const view = await app.http.get(`/v1/flash-sales/${response.body.id}`, { token: shopper.token });
    expect(view.body).toEqual({
      id: response.body.id,
      productId: product.id,
      priceFen: 990,
      perUserLimit: 1,
      startsAt: response.body.startsAt,
      endsAt: response.body.endsAt,
      status: 'active',
      remainingStock: 100,
    });
  });

  it.each([
    ['totalStock 0', { totalStock: 0 }, 'totalStock'],
    ['totalStock above 1,000,000', { totalStock: 1_000_001 }, 'totalStock'],
    ['paymentWindowSeconds below 10', { paymentWindowSeconds: 9 }, 'paymentWindowSeconds'],
    ['paymentWindowSeconds above 3600', { paymentWindowSeconds: 3601 }, 'paymentWindowSeconds'],
    ['perUserLimit 0', { perUserLimit: 0 }, 'perUserLimit'],
    ['perUserLimit above the stock', { perUserLimit: 101 }, 'perUserLimit'],
    ['a price of 0', { priceFen: 0 }, 'priceFen'],
    ['a fractional price', { priceFen: 9.5 }, 'priceFen'],
    ['a price as text', { priceFen: '990' }, 'priceFen'],
    ['price × perUserLimit above the order maximum', { priceFen: 6_000_000_000, perUserLimit: 2 }, 'priceFen'],
    ['perUserLimit × price above the order maximum', { priceFen: 6_000_000_000, perUserLimit: 2 }, 'perUserLimit'],
    ['an end before the start', { endsAt: new Date(0).toISOString() }, 'endsAt'],
    ['an unknown field', { discount: 5 }, 'discount'],
  ])('refuses %s', async (_case, body, field) => {
    const response = await create(body);
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  it.each([
    ['totalStock 1', { totalStock: 1 }],
    ['totalStock 1,000,000', { totalStock: 1_000_000 }],
    ['paymentWindowSeconds 10', { paymentWindowSeconds: 10 }],
    ['paymentWindowSeconds 3600', { paymentWindowSeconds: 3600 }],
    ['perUserLimit equal to the stock', { totalStock: 7, perUserLimit: 7 }],
    ['price × perUserLimit at the order maximum', { priceFen: 5_000_000_000, perUserLimit: 2 }],
  ])('accepts the boundary %s', async (_case, body) => {
    const response = await create(body);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject(body);
    const totalStock = (body as { totalStock?: number }).totalStock ?? 100;
    expect(response.body).toMatchObject({ remainingStock: totalStock, stats: { totalStock, remaining: totalStock } });
    const again = await app.http.get(`/v1/merchant/flash-sales/${response.body.id}`, { token: merchant.apiKey });
    expect(again.body).toEqual(response.body);
  });

  it("refuses an end in the past and another merchant's product (404)", async () => {
    const past = app.clock.now().getTime() - 60_000;
    expectError(
      await create({ startsAt: new Date(past - 60_000).toISOString(), endsAt: new Date(past).toISOString() }),
      400,
      'VALIDATION_FAILED',
    );
    const other = await createMerchant(app, 'Other');
    const theirs = await createProduct(app, other);
    expectError(await create({ productId: theirs.id }), 404, 'NOT_FOUND');
    const mine = (await create({})).body;
    expectError(await app.http.get(`/v1/merchant/flash-sales/${mine.id}`, { token: other.apiKey }), 404, 'NOT_FOUND');
  });

  it('is only for merchants', async () => {
    expectError(await create({}, shopper.token), 403, 'FORBIDDEN');
    expectError(await create({}, 'nope'), 401, 'UNAUTHENTICATED');
  });

  it('/docs-json describes the purchase route too', async () => {
    const docs = (await app.http.get('/docs-json')).body;
    expect(docs.paths['/v1/flash-sales/{id}/purchase'].post).toMatchObject({
      tags: ['flash sales'],
      responses: { 202: expect.any(Object), 409: expect.any(Object), 429: expect.any(Object) },
    });
    for (const path of [
      '/v1/merchant/flash-sales',
      '/v1/merchant/flash-sales/{id}',
      '/v1/flash-sales/{id}',
      '/v1/flash-sales/reservations/{id}',
    ]) {
      expect(docs.paths[path]).toBeDefined();
    }
    expect(docs.components.schemas.OrderPaymentDto.properties.prepayId.nullable).toBe(true);
  });
});

describe.each(GATE_MODES)('the purchase route (%s gate)', (mode) => {
  let app: TestApp;
  let merchant: TestMerchant;
  let product: { id: string };
  let sale: any;

  beforeAll(async () => {
    app = await startTestApp({ redis: mode === 'redis' });
    merchant = await createMerchant(app);
    product = await createProduct(app, merchant, { name: 'Kettle' });
    sale = await createSale(app, merchant, product.id, { totalStock: 1000, perUserLimit: 3, priceFen: 1200 });
  });
  afterAll(() => app.close());

  it('defaults to one unit, with or without a body, and confirms to an order for quantity × price', async () => {
    const shopper = await loginShopper(app);
    const noBody = await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, { token: shopper.token });
    expect(noBody.status).toBe(202);
    const two = await purchase(app, shopper, sale.id, { quantity: 2 });
    expect(two.status).toBe(202);
    expectError(await purchase(app, shopper, sale.id), 409, 'FLASH_SALE_LIMIT_REACHED');
    await persistReservations(app);
    const reservation = await app.http.get(`/v1/flash-sales/reservations/${two.body.reservationId}`, {
      token: shopper.token,
    });
    expect(reservation.body.status).toBe('confirmed');
    const order = await getOrder(app, shopper, reservation.body.orderId);
    expect(order).toMatchObject({
      kind: 'flash_sale',
      status: 'pending_payment',
      items: [{ productId: product.id, quantity: 2, unitPriceFen: 1200 }],
      subtotalFen: 2400,
      totalFen: 2400,
      payment: { prepayId: expect.any(String), payParams: expect.objectContaining({ signType: 'RSA' }) },
    });
    // The list shows flash orders before they are prepared, with a null payment.
    const list = (await app.http.get('/v1/me/orders', { token: shopper.token })).body.items;
    expect(list).toHaveLength(2);
    expect(list.some((o: any) => o.payment.prepayId === null)).toBe(true);
  });

  it('answers in JSON with its exact length, accepted or refused (written on the raw response)', async () => {
    const shopper = await loginShopper(app);
    const answers = [
      await purchase(app, shopper, sale.id),
      await purchase(app, shopper, sale.id, { quantity: 4 }),
      await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, { token: 'not-a-token', body: {} }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([202, 400, 401]);
    for (const answer of answers) {
      expect(answer.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(Number(answer.headers.get('content-length'))).toBe(Buffer.byteLength(answer.text));
    }
  });

  it('validates with the compiled schema: quantity range, types, unknown fields, JSON only', async () => {
    const shopper = await loginShopper(app);
    const post = (body: unknown) =>
      app.http.post(`/v1/flash-sales/${sale.id}/purchase`, { token: shopper.token, body });
    for (const body of [{ quantity: 0 }, { quantity: 1.5 }, { quantity: '1' }, { quantity: 1, extra: true }, [1]]) {
      expectError(await post(body), 400, 'VALIDATION_FAILED');
    }
    const above = await post({ quantity: 4 });
    expectError(above, 400, 'VALIDATION_FAILED');
    expect(above.body.error.details).toEqual([{ field: 'quantity', problems: ['must not exceed perUserLimit (3)'] }]);
    const unknown = await post({ quantity: 1, extra: true });
    expect(unknown.body.error.details).toEqual([{ field: 'extra', problems: ['property extra should not exist'] }]);
    expectError(
      await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, {
        token: shopper.token,
        rawBody: '{"quantity": 1',
      }),
      400,
      'VALIDATION_FAILED',
    );
    expectError(
      await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, {
        token: shopper.token,
        rawBody: 'quantity=1',
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
    expect((await post({ quantity: 3 })).status).toBe(202);
  });

  it('takes a query string, and reads a chunked body like any other', async () => {
    const shopper = await loginShopper(app);
    const queried = await app.http.post(`/v1/flash-sales/${sale.id}/purchase?source=banner`, {
      token: shopper.token,
      body: { quantity: 2 },
    });
    expect(queried.status).toBe(202);
    const chunked = await rawPurchase(app, sale.id, shopper.token, {
      headers: { 'content-type': 'application/json' },
      chunks: ['{"quan', 'tity": 1}'],
    });
    expect(chunked.status).toBe(202);
    expectError(await purchase(app, shopper, sale.id), 409, 'FLASH_SALE_LIMIT_REACHED');
    await persistReservations(app);
    const rows = await app.db.query<{ quantity: number }>(
      'SELECT quantity FROM flash_reservations WHERE shopper_id = $1 ORDER BY quantity',
      [shopper.id],
    );
    expect(rows.map((row) => Number(row.quantity))).toEqual([1, 2]);
    const shortChunked = await rawPurchase(app, sale.id, shopper.token, {
      headers: { 'content-type': 'application/json' },
      chunks: ['{"quantity":'],
    });
    expect(shortChunked.status).toBe(400);
    expect(JSON.parse(shortChunked.text).error.code).toBe('VALIDATION_FAILED');
  });

  it('413 once a body passes BODY_LIMIT_BYTES, without waiting for the rest; 415 for a body that is not JSON', async () => {
    const shopper = await loginShopper(app);
    const limit = app.runtime.config.bodyLimitBytes;
    // Declared too long: refused before a byte of it is read.
    const declared = await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, {
      token: shopper.token,
      rawBody: `{"quantity":1${' '.repeat(limit)}}`,
    });
    expectError(declared, 413, 'PAYLOAD_TOO_LARGE');
    // Chunked, never ended: answered as soon as the limit is passed.
    const streamed = await rawPurchase(app, sale.id, shopper.token, {
      headers: { 'content-type': 'application/json' },
      chunks: ['{"quantity":1', ' '.repeat(limit)],
      keepOpen: true,
    });
    expect(streamed.status).toBe(413);
    expect(JSON.parse(streamed.text).error.code).toBe('PAYLOAD_TOO_LARGE');
    for (const headers of [{}, { 'content-type': 'application/vnd.api+json' }] as Array<Record<string, string>>) {
      const refused = await rawPurchase(app, sale.id, shopper.token, { headers, chunks: ['{}'] });
      expect(refused.status).toBe(415);
      expect(JSON.parse(refused.text).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    // A JSON type with parameters or capitals is JSON.
    const typed = await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, {
      token: shopper.token,
      rawBody: '{}',
      headers: { 'content-type': 'Application/JSON; charset=utf-8' },
    });
    expect(typed.status).toBe(202);
  });

  it('answers another method on the path as any unknown route (404), and an empty JSON body 400', async () => {
    const shopper = await loginShopper(app);
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await app.http.request(method, `/v1/flash-sales/${sale.id}/purchase`, { token: shopper.token });
      expect(answer.status).toBe(404);
      expect(answer.body).toEqual({ error: { code: 'NOT_FOUND', message: 'Route not found' } });
    }
    expectError(
      await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, {
        token: shopper.token,
        rawBody: '',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'VALIDATION_FAILED',
    );
  });

  it('answers 401, 403 and 404 like every route', async () => {
    const shopper = await loginShopper(app);
    expectError(await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, { body: {} }), 401, 'UNAUTHENTICATED');
    expectError(
      await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, { token: 'forged.token.here', body: {} }),
      401,
      'UNAUTHENTICATED',
    );
    expectError(
      await app.http.post(`/v1/flash-sales/${sale.id}/purchase`, { token: merchant.apiKey, body: {} }),
      403,
      'FORBIDDEN',
    );
    expectError(await purchase(app, shopper, '00000000-0000-4000-8000-000000000000'), 404, 'NOT_FOUND');
    expectError(await purchase(app, shopper, 'not-an-id'), 404, 'NOT_FOUND');
    expectError(await app.http.get(`/v1/flash-sales/reservations/nope`, { token: shopper.token }), 404, 'NOT_FOUND');
  });

  it('500 INTERNAL with a correlation id and no stack, whether the gate rejects or finding the sale throws', async () => {
    const shopper = await loginShopper(app);
    const secret = 'gate exploded at flash-stock-gate.ts:42';
    const failures: Array<[string, () => jest.SpyInstance]> = [
      [
        'rejected by the gate',
        () => jest.spyOn(app.app.get(FlashStockGate), 'reserve').mockRejectedValueOnce(new Error(secret)),
      ],
      [
        'thrown while finding the sale',
        () =>
          jest.spyOn(app.app.get(SaleDirectory), 'find').mockImplementationOnce(() => {
            throw new Error(secret);
          }),
      ],
    ];
    try {
      for (const [, fail] of failures) {
        const spy = fail();
        const response = await purchase(app, shopper, sale.id);
        expect(spy).toHaveBeenCalledTimes(1);
        expectError(response, 500, 'INTERNAL');
        expect(response.body.error.message).toMatch(/correlation id [0-9a-f-]{36}/);
        expect(response.text).not.toContain('exploded');
      }
    } finally {
      jest.restoreAllMocks();
    }
    // The route is still whole afterwards.
    expect((await purchase(app, shopper, sale.id)).status).toBe(202);
  });

  it('replays an Idempotency-Key: the first answer again, nothing taken twice; another body is 409', async () => {
    const shopper = await loginShopper(app);
    const first = await purchase(app, shopper, sale.id, { quantity: 2, idempotencyKey: 'tap-1' });
    const again = await purchase(app, shopper, sale.id, { quantity: 2, idempotencyKey: 'tap-1' });
    expect(first.status).toBe(202);
    expect({ status: again.status, body: again.body }).toEqual({ status: 202, body: first.body });
    expectError(
      await purchase(app, shopper, sale.id, { quantity: 1, idempotencyKey: 'tap-1' }),
      409,
      'IDEMPOTENCY_KEY_REUSED',
    );
    expect((await purchase(app, shopper, sale.id, { quantity: 1, idempotencyKey: 'tap-2' })).status).toBe(202);
    expectError(await purchase(app, shopper, sale.id, { idempotencyKey: 'tap-3' }), 409, 'FLASH_SALE_LIMIT_REACHED');
    expectError(await purchase(app, shopper, sale.id, { idempotencyKey: '' }), 400, 'VALIDATION_FAILED');
    await persistReservations(app);
    const rows = await app.db.query<{ n: string }>(
      'SELECT COUNT(*) AS n FROM flash_reservations WHERE shopper_id = $1',
      [shopper.id],
    );
    expect(rows[0].n).toBe('2');
  });

  it('shows a shopper only their own reservations, and 429s a shopper hammering the button', async () => {
    const shopper = await loginShopper(app);
    const other = await loginShopper(app);
    const mine = await purchase(app, shopper, sale.id);
    expectError(
      await app.http.get(`/v1/flash-sales/reservations/${mine.body.reservationId}`, { token: other.token }),
      404,
      'NOT_FOUND',
    );
    expect(
      (await app.http.get(`/v1/flash-sales/reservations/${mine.body.reservationId}`, { token: shopper.token })).body
        .status,
    ).toBe(mode === 'redis' ? 'queued' : 'confirmed');
    // 21: more than two rate windows' worth (10 each), however the burst straddles them.
    const burst = await Promise.all(Array.from({ length: 21 }, () => purchase(app, shopper, sale.id)));
    const limited = burst.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expectError(limited[0], 429, 'RATE_LIMITED');
    expect(Number(limited[0].headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
  });
});

/**
 * A purchase over node:http, its body written in `chunks` (Transfer-Encoding: chunked). `keepOpen`: the request is
 * never ended, so only an answer given before the body's end arrives.
 */
function rawPurchase(
  app: TestApp,
  saleId: string,
  token: string,
  options: { headers: Record<string, string>; chunks: string[]; keepOpen?: boolean },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(
      new URL(`/v1/flash-sales/${saleId}/purchase`, app.url),
      { method: 'POST', headers: { ...options.headers, authorization: `Bearer ${token}` } },
      (incoming) => {
        let text = '';
        incoming.setEncoding('utf8');
        incoming.on('data', (chunk: string) => (text += chunk));
        incoming.on('end', () => {
          outgoing.destroy();
          resolve({ status: incoming.statusCode ?? 0, text });
        });
      },
    );
    // The server may stop reading and close once it has answered.
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') reject(error);
    });
    for (const chunk of options.chunks) outgoing.write(chunk);
    if (!options.keepOpen) outgoing.end();
  });
}
