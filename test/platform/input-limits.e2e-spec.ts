import fc from 'fast-check';
import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { connect } from 'node:net';
import { MAX_FEN } from '../../src/platform/money/money';
import { createSale } from '../flash-sale/flash-fixtures';
import {
  createMerchant,
  createProduct,
  expectError,
  loginShopper,
  TestMerchant,
  TestShopper,
} from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';

/** `{"k0":0,"k1":0,...}`: the login body of the issue, 90,000 unknown keys in just under 1 MiB. */
const WIDE_LOGIN_BODY = `{${Array.from({ length: 90_000 }, (_, i) => `"k${i}":0`).join(',')}}`;
const nestedArrays = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);

/** What the service's HTTP parser answers to bytes no HTTP client would send. */
function rawExchange(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    let answer = '';
    const socket = connect(Number(port), hostname, () => socket.write(request));
    socket.on('data', (chunk: Buffer) => (answer += chunk.toString()));
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
  });
}

const answerBody = (raw: string) => JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));

/** A POST of ready bytes with node:http: the cheapest client there is, for a test that counts this process's CPU. */
function postBytes(url: string, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = { 'content-type': 'application/json', 'content-length': body.length };
    const outgoing = request(url, { method: 'POST', headers }, (incoming) => {
      let text = '';
      incoming.on('data', (chunk: Buffer) => (text += chunk.toString()));
      incoming.on('end', () => resolve({ status: incoming.statusCode!, text }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('input limits: bounded validation cost, and no 500 from input', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let shopper: TestShopper;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    shopper = await loginShopper(app);
  });
  afterAll(() => app.close());

  const count = async (table: string) =>
    Number((await app.db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

  describe('bodies too wide or too deep are refused before validation', () => {
    it('a 90,000-key login body is 400 with a short answer, for a few ms of the service CPU', async () => {
      expect(WIDE_LOGIN_BODY.length).toBeGreaterThan(900_000);
      expect(WIDE_LOGIN_BODY.length).toBeLessThan(1_048_576);
      const response = await postBytes(`${app.url}/v1/auth/wechat-login`, Buffer.from(WIDE_LOGIN_BODY));
      expect(response.status).toBe(400);
      expect(JSON.parse(response.text)).toEqual({
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Request validation failed',
          details: [{ field: 'body', problems: ['an object or array must not hold more than 1000 keys or items'] }],
        },
      });
      // The client shares this process; node:http writing a ready buffer adds little. The median of five, after the
      // request above warmed the path, keeps a garbage collection in one of them from deciding the result.
      const spentMs: number[] = [];
      for (let run = 0; run < 5; run++) {
        const before = process.cpuUsage();
        expect((await postBytes(`${app.url}/v1/auth/wechat-login`, Buffer.from(WIDE_LOGIN_BODY))).status).toBe(400);
        const spent = process.cpuUsage(before);
        spentMs.push((spent.user + spent.system) / 1000);
      }
      expect(median(spentMs)).toBeLessThan(50);
    });

    it('20 of them at once leave /health/ready answering in under 100 ms', async () => {
      // Sent from another process, so that only the service's work shares this event loop with the polls.
      const sender = spawn(
        process.execPath,
        [
          '-e',
          `const body = Buffer.from('{' + Array.from({ length: 90000 }, (_, i) => '"k' + i + '":0').join(',') + '}');
           process.stdout.write('sending\\n');
           Promise.all(Array.from({ length: 20 }, () =>
             fetch(${JSON.stringify(`${app.url}/v1/auth/wechat-login`)}, {
               method: 'POST', headers: { 'content-type': 'application/json' }, body,
             }).then(async (r) => ({ status: r.status, length: (await r.text()).length }))
           )).then((answers) => process.stdout.write(JSON.stringify(answers)));`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      let output = '';
      sender.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => sender.on('exit', resolve));
      let running = true;
      void exited.then(() => (running = false));

      // Only the polls made while the bodies are on their way count (not those while the sender starts).
      const readyMs: number[] = [];
      while (running) {
        const sending = output.startsWith('sending\n');
        const started = performance.now();
        const ready = await app.http.get('/health/ready');
        if (sending && running) readyMs.push(performance.now() - started);
        expect(ready.status).toBe(200);
      }
      expect(await exited).toBe(0);
      expect(readyMs.length).toBeGreaterThanOrEqual(3);
      const answers = JSON.parse(output.slice('sending\n'.length)) as Array<{ status: number; length: number }>;
      expect(answers).toHaveLength(20);
      for (const answer of answers) {
        expect(answer.status).toBe(400);
        expect(answer.length).toBeLessThan(500);
      }
      // The median, as the issue measured it (1.9 s before): on a shared two-core machine an idle service's own
      // polls already spike past 100 ms now and then, so a maximum would measure the machine, not the service.
      expect(median(readyMs)).toBeLessThan(100);
    });

    it('a body nested 5,000 arrays deep is 400 on a Nest route and on the purchase front door; the service stays ready', async () => {
      const deepOrder = await app.http.post('/v1/orders', {
        token: shopper.token,
        rawBody: `{"items":${nestedArrays(5000)}}`,
      });
      expectError(deepOrder, 400, 'VALIDATION_FAILED');
      expect(deepOrder.body.error.details[0].problems).toEqual(['objects and arrays must not nest more than 32 deep']);
      const deepPurchase = await app.http.post('/v1/flash-sales/00000000-0000-4000-8000-000000000000/purchase', {
        token: shopper.token,
        rawBody: `{"quantity":${nestedArrays(5000)}}`,
      });
      expectError(deepPurchase, 400, 'VALIDATION_FAILED');
      expect(deepPurchase.body.error.details[0].field).toBe('body');
      expect((await app.http.get('/health/ready')).status).toBe(200);
      expect(await count('orders')).toBe(0);
    });

    it('a thousand unknown fields within the bounds are answered with the first 20', async () => {
      const body = Object.fromEntries(Array.from({ length: 999 }, (_, i) => [`unknown${i}`, i]));
      const response = await app.http.post('/v1/auth/wechat-login', { body: { code: 'sandbox:x', ...body } });
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details).toHaveLength(20);
      expect(response.body.error.message).toMatch(/999 fields, the first 20 listed/);
    });

    it('more than 1,000 query parameters is 400 with one short detail', async () => {
      const query = Array.from({ length: 1001 }, (_, i) => `p${i}=1`).join('&');
      const response = await app.http.get(`/v1/merchant/products?${query}`, { token: merchant.apiKey });
      expectError(response, 400, 'VALIDATION_FAILED');
      expect(response.body.error.details).toEqual([
        { field: 'query', problems: ['must not hold more than 1000 parameters'] },
      ]);
    });

    it('a form body is 415: JSON only', async () => {
      const response = await app.http.post('/v1/merchant/products', {
        token: merchant.apiKey,
        rawBody: 'sku=F-1&name=Tea&priceFen=100',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      expectError(response, 415, 'UNSUPPORTED_MEDIA_TYPE');
    });
  });

  describe('NUL characters are 400 wherever text comes in', () => {
    it('in a body field, nested or not, and nothing is stored', async () => {
      for (const body of [
        { sku: 'NUL-1', name: 'Tea\u0000', priceFen: 100 },
        { sku: 'NUL-\u0000', name: 'Tea', priceFen: 100 },
      ]) {
        const response = await app.http.post('/v1/merchant/products', { token: merchant.apiKey, body });
        expectError(response, 400, 'VALIDATION_FAILED');
        expect(response.body.error.details).toEqual([
          { field: 'body', problems: ['text must not contain NUL characters (\\u0000)'] },
        ]);
      }
      const endpoint = await app.http.post('/v1/merchant/webhook-endpoints', {
        token: merchant.apiKey,
        body: { url: 'https://example.com/hook', events: ['*'], description: 'a\u0000b' },
      });
      expectError(endpoint, 400, 'VALIDATION_FAILED');
      expect(await count('products')).toBe(0);
      expect(await count('webhook_endpoints')).toBe(0);
    });

    it('in a query string or a path segment', async () => {
      const search = await app.http.get('/v1/merchant/products?q=tea%00', { token: merchant.apiKey });
      expectError(search, 400, 'VALIDATION_FAILED');
      expect(search.body.error.details).toEqual([{ field: 'q', problems: ['must not contain NUL characters'] }]);
      const share = await app.http.get('/v1/group-rooms/by-share/abc%00def', { token: shopper.token });
      expectError(share, 400, 'VALIDATION_FAILED');
      expect(share.body.error.details[0].field).toBe('shareToken');
    });

    it('in a header: refused by the HTTP parser, in the envelope', async () => {
      const raw = await rawExchange(app.url, 'GET /health/live HTTP/1.1\r\nHost: x\r\nX-Note: a\0b\r\n\r\n');
      expect(raw).toMatch(/^HTTP\/1\.1 400 /);
      expect(answerBody(raw).error.code).toBe('VALIDATION_FAILED');
    });
  });

  describe('arrays where objects are expected', () => {
    // Found by the property below: `{"items":[[]]}` was a 500 (an inner array passes ValidateNested unchecked).
    it('an element of items or prizes, or the validity, that is an array is 400 on that field', async () => {
      for (const [path, token, body, field] of [
        ['/v1/orders', shopper.token, '{"items":[[]]}', 'items'],
        ['/v1/coupons/quote', shopper.token, '{"items":[[{"quantity":1}]]}', 'items'],
        ['/v1/merchant/lucky-draws', merchant.apiKey, '{"prizes":[[]]}', 'prizes'],
        ['/v1/merchant/coupon-templates', merchant.apiKey, '{"validity":[]}', 'validity'],
      ] as const) {
        const response = await app.http.post(path, { token, rawBody: body });
        expectError(response, 400, 'VALIDATION_FAILED');
        expect(response.body.error.details.map((detail: { field: string }) => detail.field)).toContain(field);
      }
      expect(await count('orders')).toBe(0);
    });
  });

  describe('totals past the largest amount', () => {
    it('an order or a quote whose items total more than the maximum is 400 on items; nothing is written', async () => {
      const priciest = await createProduct(app, merchant, { priceFen: MAX_FEN });
      const cheap = await createProduct(app, merchant, { priceFen: 1 });
      for (const items of [
        [{ productId: priciest.id, quantity: 2 }],
        [
          { productId: priciest.id, quantity: 1 },
          { productId: cheap.id, quantity: 1 },
        ],
      ]) {
        const order = await app.http.post('/v1/orders', { token: shopper.token, body: { items } });
        expectError(order, 400, 'VALIDATION_FAILED');
        expect(order.body.error.details[0].field).toBe('items');
        const quote = await app.http.post('/v1/coupons/quote', { token: shopper.token, body: { items } });
        expectError(quote, 400, 'VALIDATION_FAILED');
        expect(quote.body.error.details[0].field).toBe('items');
      }
      expect(await count('orders')).toBe(0);
      const atMaximum = await app.http.post('/v1/orders', {
        token: shopper.token,
        body: { items: [{ productId: priciest.id, quantity: 1 }] },
      });
      expect(atMaximum.status).toBe(201);
      expect(atMaximum.body.totalFen).toBe(MAX_FEN);
    });
  });

  describe('cursors this service did not issue', () => {
    const cursorOf = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');
    const foreignCursors = [
      cursorOf(['2026-11-21T10:00:00.000Z', 'not-a-uuid']),
      cursorOf(['2026-11-21T10:00:00.000Z', "1' OR '1'='1"]),
      cursorOf(['-200000-01-01T00:00:00.000Z', '00000000-0000-4000-8000-000000000000']),
    ];
    const routes: Array<[string, 'merchant' | 'shopper' | 'admin']> = [
      ['/v1/merchant/products', 'merchant'],
      ['/v1/merchant/orders', 'merchant'],
      ['/v1/merchant/coupon-templates', 'merchant'],
      ['/v1/merchant/webhook-endpoints', 'merchant'],
      ['/v1/me/orders', 'shopper'],
      ['/v1/me/coupons', 'shopper'],
      ['/v1/me/rebates', 'shopper'],
      ['/v1/me/transfers', 'shopper'],
      ['/v1/merchants', 'admin'],
    ];

    it.each(routes)('are 400 on %s', async (path, caller) => {
      const token = { merchant: merchant.apiKey, shopper: shopper.token, admin: 'test-admin-token-0123456789abcdef' }[
        caller
      ];
      for (const cursor of foreignCursors) {
        const response = await app.http.get(`${path}?cursor=${cursor}`, { token });
        expectError(response, 400, 'VALIDATION_FAILED');
        expect(response.body.error.details[0].field).toBe('cursor');
      }
    });
  });

  describe('refusals of the HTTP layer, in the error envelope', () => {
    it('414 for a path segment past the router limit, 400 for a path that does not decode', async () => {
      const long = await app.http.get(`/v1/products/${'a'.repeat(200)}`, { token: shopper.token });
      expectError(long, 414, 'URI_TOO_LONG');
      const undecodable = await app.http.get('/v1/products/%zz', { token: shopper.token });
      expectError(undecodable, 400, 'VALIDATION_FAILED');
    });

    it('431 for headers past the limit, 400 for a request that is not HTTP', async () => {
      const big = await rawExchange(
        app.url,
        `GET /health/live HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      );
      expect(big).toMatch(/^HTTP\/1\.1 431 /);
      expect(answerBody(big)).toEqual({
        error: { code: 'REQUEST_HEADERS_TOO_LARGE', message: expect.any(String) },
      });
      const longUrl = await rawExchange(app.url, `GET /v1/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`);
      expect(answerBody(longUrl).error.code).toBe('REQUEST_HEADERS_TOO_LARGE');
      const garbage = await rawExchange(app.url, 'NOT HTTP AT ALL\r\n\r\n');
      expect(garbage).toMatch(/^HTTP\/1\.1 400 /);
      expect(answerBody(garbage).error.code).toBe('VALIDATION_FAILED');
    });

    it('413, 415 and malformed JSON keep their envelope', async () => {
      const huge = await app.http.post('/v1/auth/wechat-login', { rawBody: `{"code":"${'x'.repeat(1_100_000)}"}` });
      expectError(huge, 413, 'PAYLOAD_TOO_LARGE');
      const xml = await app.http.post('/v1/auth/wechat-login', {
        rawBody: '<code/>',
        headers: { 'content-type': 'application/xml' },
      });
      expectError(xml, 415, 'UNSUPPORTED_MEDIA_TYPE');
      expectError(await app.http.post('/v1/auth/wechat-login', { rawBody: '{"code":' }), 400, 'VALIDATION_FAILED');
    });
  });

  describe('property: nested and wide JSON bodies are 4xx, never 500', () => {
    const leaf = fc.oneof(
      fc.string({ maxLength: 6 }),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.constant('\u0000'),
    );
    /**
     * A leaf inside arrays and objects, as JSON text: within the depth bound, or far past it (the issue's 5,000
     * levels overflowed the stack), levels chosen from a random pattern. Text, because a value that deep would
     * take the test's own JSON.stringify past the stack.
     */
    const deep = fc
      .tuple(
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 41, max: 6000 })),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
        leaf,
      )
      .map(([depth, pattern, inner]) => {
        const levels = Array.from({ length: depth }, (_, level) => pattern[level % pattern.length]);
        const opening = levels.map((asArray) => (asArray ? '[' : '{"k":')).join('');
        const closing = levels
          .map((asArray) => (asArray ? ']' : '}'))
          .reverse()
          .join('');
        return opening + JSON.stringify(inner) + closing;
      });
    /** An array or object of up to 2,500 entries (some within the bound, some past it), as JSON text. */
    const wide = fc
      .tuple(fc.integer({ min: 0, max: 2500 }), fc.boolean(), leaf)
      .map(([width, asArray, inner]) =>
        JSON.stringify(
          asArray
            ? Array.from({ length: width }, () => inner)
            : Object.fromEntries(Array.from({ length: width }, (_, i) => [`f${i}`, inner])),
        ),
      );
    const oddJson = fc.oneof(
      deep,
      wide,
      fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
    );
    // Each route with the fields its validation reads, so that odd values reach them as well as the body as a whole.
    const routes = [
      { path: '/v1/auth/wechat-login', caller: 'none', fields: ['code'] },
      { path: '/v1/orders', caller: 'shopper', fields: ['items', 'couponId'] },
      { path: '/v1/coupons/quote', caller: 'shopper', fields: ['items'] },
      { path: '/v1/merchant/products', caller: 'merchant', fields: ['sku', 'name', 'priceFen'] },
      { path: '/v1/merchant/lucky-draws', caller: 'merchant', fields: ['name', 'prizes', 'startsAt'] },
      { path: '/v1/merchant/webhook-endpoints', caller: 'merchant', fields: ['url', 'events'] },
      { path: 'purchase', caller: 'shopper', fields: ['quantity'] },
    ] as const;

    it('on a few routes, with the odd value as the body or in one of its fields', async () => {
      const product = await createProduct(app, merchant);
      const sale = await createSale(app, merchant, product.id);
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.option(fc.nat(), { nil: null }),
          oddJson,
          async (route, fieldIndex, odd) => {
            const field = fieldIndex === null ? null : route.fields[fieldIndex % route.fields.length];
            const rawBody = field === null ? odd : `{"${field}":${odd}}`;
            const token = { none: undefined, shopper: shopper.token, merchant: merchant.apiKey }[route.caller];
            const path = route.path === 'purchase' ? `/v1/flash-sales/${sale.id}/purchase` : route.path;
            const response = await app.http.post(path, { token, rawBody });
            // A purchase body may happen to be a valid one (`{}`, `{"quantity":1}`): the shopper's one unit, 202.
            const accepted = route.path === 'purchase' ? /^(4\d\d|202) / : /^4\d\d /;
            expect(`${response.status} ${response.text.slice(0, 300)}`).toMatch(accepted);
          },
        ),
        { numRuns: 150 },
      );
      expect((await app.http.get('/health/ready')).status).toBe(200);
    });
  });
});
