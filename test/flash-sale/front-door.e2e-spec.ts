import { request as httpRequest, Server } from 'node:http';
import { PurchaseFrontDoor } from '../../src/modules/flash-sale/http/purchase-front-door';
import { createMerchant, createProduct, loginShopper, TestMerchant, TestShopper } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createSale } from './flash-fixtures';

/** One answer as the wire carried it. */
interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

interface Attempt {
  path: string;
  headers?: Record<string, string>;
  /** undefined: no body and no body headers at all. */
  body?: string;
  /** Send the body chunked (no Content-Length). */
  chunked?: boolean;
}

/** Real HTTP with exact control of the body's framing (fetch always sets Content-Length for a string). */
function send(baseUrl: string, attempt: Attempt): Promise<RawAnswer> {
  const url = new URL(attempt.path, baseUrl);
  const headers: Record<string, string> = { ...attempt.headers };
  if (attempt.body !== undefined && !attempt.chunked)
    headers['content-length'] = String(Buffer.byteLength(attempt.body));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { method: 'POST', headers }, (incoming) => {
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body }));
    });
    outgoing.on('error', reject);
    if (attempt.body !== undefined) outgoing.write(attempt.body);
    outgoing.end();
  });
}

/** What must be equal both ways: every header but the date, the body but a reservation's own ids. */
function comparable(answer: RawAnswer) {
  const headers = { ...answer.headers };
  delete headers.date;
  let body: unknown = answer.body;
  if (answer.status === 202) body = { ...JSON.parse(answer.body), reservationId: 'r', orderId: null };
  const lengthMatches = headers['content-length'] === String(Buffer.byteLength(answer.body));
  if (answer.status === 202) delete headers['content-length'];
  return { status: answer.status, headers, body, lengthMatches };
}

describe('flash sales: the purchase front door answers as the Fastify route does', () => {
  let app: TestApp;
  let take: jest.SpyInstance<boolean, Parameters<PurchaseFrontDoor['take']>>;
  let merchant: TestMerchant;
  let shoppers: TestShopper[];
  let open: { id: string };
  let soldOut: { id: string };
  let upcoming: { id: string };
  let onePerShopper: { id: string };

  beforeAll(async () => {
    take = jest.spyOn(PurchaseFrontDoor.prototype, 'take');
    app = await startTestApp();
    merchant = await createMerchant(app);
    const product = await createProduct(app, merchant);
    shoppers = await Promise.all(Array.from({ length: 6 }, () => loginShopper(app)));
    open = await createSale(app, merchant, product.id, { totalStock: 1000, perUserLimit: 50 });
    soldOut = await createSale(app, merchant, product.id, { totalStock: 1, perUserLimit: 1 });
    const now = app.clock.now().getTime();
    upcoming = await createSale(app, merchant, product.id, {
      startsAt: new Date(now + 3600_000),
      endsAt: new Date(now + 7200_000),
    });
    onePerShopper = await createSale(app, merchant, product.id, { totalStock: 100, perUserLimit: 1 });
    const held = await send(app.url, {
      path: purchasePath(onePerShopper.id),
      headers: { authorization: `Bearer ${shoppers[4].token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(held.status).toBe(202);
    const first = await send(app.url, {
      path: `/v1/flash-sales/${soldOut.id}/purchase`,
      headers: { authorization: `Bearer ${shoppers[3].token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(first.status).toBe(202);
  });
  afterAll(async () => {
    take.mockRestore();
    await app.close();
  });

  const json = { 'content-type': 'application/json' };
  const as = (shopper: number) => ({ authorization: `Bearer ${shoppers[shopper].token}` });
  const cases: Array<[string, () => Attempt, number]> = [
    [
      'a reservation',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"quantity":2}' }),
      202,
    ],
    ['no body at all', () => ({ path: purchasePath(open.id), headers: as(0) }), 202],
    ['a JSON null body', () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: 'null' }), 202],
    [
      'the charset spelled out',
      () => ({
        path: purchasePath(open.id),
        headers: { ...as(1), 'content-type': 'application/json; charset=utf-8' },
        body: '{"quantity":1}',
      }),
      202,
    ],
    [
      'quantity 0',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"quantity":0}' }),
      400,
    ],
    [
      'quantity as a string',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"quantity":"1"}' }),
      400,
    ],
    [
      'a fraction',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"quantity":1.5}' }),
      400,
    ],
    [
      'an unknown field',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"quantity":1,"x":1}' }),
      400,
    ],
    ['an array', () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '[1]' }), 400],
    [
      'malformed JSON',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"quantity":' }),
      400,
    ],
    [
      '__proto__',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"__proto__":{"x":1}}' }),
      400,
    ],
    [
      'constructor.prototype',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"constructor":{"prototype":{}}}' }),
      400,
    ],
    [
      'more than perUserLimit',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json }, body: '{"quantity":51}' }),
      400,
    ],
    ['a bad body without a token', () => ({ path: purchasePath(open.id), headers: json, body: '{"quantity":0}' }), 400],
    ['no token', () => ({ path: purchasePath(open.id), headers: json, body: '{}' }), 401],
    [
      'a forged token',
      () => ({ path: purchasePath(open.id), headers: { authorization: 'Bearer forged', ...json }, body: '{}' }),
      401,
    ],
    [
      'a merchant key',
      () => ({ path: purchasePath(open.id), headers: { authorization: 'Bearer mk_nope', ...json }, body: '{}' }),
      401,
    ],
    [
      'a malformed Idempotency-Key',
      () => ({ path: purchasePath(open.id), headers: { ...as(0), ...json, 'idempotency-key': 'é' }, body: '{}' }),
      400,
    ],
    [
      'an unknown sale',
      () => ({ path: purchasePath('no-such-sale'), headers: { ...as(0), ...json }, body: '{}' }),
      404,
    ],
    ['a sold-out sale', () => ({ path: purchasePath(soldOut.id), headers: { ...as(2), ...json }, body: '{}' }), 409],
    [
      'a sale not open yet',
      () => ({ path: purchasePath(upcoming.id), headers: { ...as(2), ...json }, body: '{}' }),
      409,
    ],
  ];

  it.each(cases)('%s: the same answer both ways', async (_name, attempt, status) => {
    const plain = attempt();
    take.mockClear();
    const direct = await send(app.url, plain);
    expect(take.mock.results.map((result) => result.value)).toEqual([true]);
    // A query string makes the front door leave the request to the Fastify route (same bytes otherwise).
    take.mockClear();
    const routed = await send(app.url, { ...plain, path: `${plain.path}?via=fastify` });
    expect(take.mock.results.map((result) => result.value)).toEqual([false]);

    expect(direct.status).toBe(status);
    expect(comparable(direct)).toEqual(comparable(routed));
    expect(comparable(direct).lengthMatches).toBe(true);
    if (status === 202)
      expect(JSON.parse(direct.body)).toMatchObject({ status: expect.stringMatching(/queued|confirmed/) });
  });

  it('leaves chunked bodies, other content types and long bodies to the Fastify route', async () => {
    const path = purchasePath(open.id);
    const declined: Attempt[] = [
      { path, headers: { ...as(1), ...json }, body: '{"quantity":1}', chunked: true },
      { path, headers: { ...as(1), 'content-type': 'text/plain' }, body: '{"quantity":1}' },
      { path, headers: { ...as(1), ...json }, body: `{"quantity":1${' '.repeat(1100)}}` },
      { path: `${path}/`, headers: { ...as(1), ...json }, body: '{}' },
    ];
    take.mockClear();
    const answers = await Promise.all(declined.map((attempt) => send(app.url, attempt)));
    expect(take.mock.results.map((result) => result.value)).toEqual([false, false, false, false]);
    expect(answers.map((answer) => answer.status)).toEqual([202, 415, 202, 404]);
    expect(JSON.parse(answers[1].body).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });

  it('answers a shopper over the rate limit the same both ways (429 with Retry-After)', async () => {
    const attempt = { path: purchasePath(onePerShopper.id), headers: { ...as(4), ...json }, body: '{}' };
    // The limit counts attempts per second: a burst, then one attempt each way while it lasts (a slow second
    // in between may let one through, so a few tries).
    for (let tries = 0; ; tries++) {
      await Promise.all(Array.from({ length: 12 }, () => send(app.url, attempt)));
      const direct = await send(app.url, attempt);
      const routed = await send(app.url, { ...attempt, path: `${attempt.path}?via=fastify` });
      if (tries < 4 && (direct.status !== 429 || routed.status !== 429)) continue;
      expect(direct.status).toBe(429);
      expect(direct.headers['retry-after']).toMatch(/^[1-9][0-9]*$/);
      expect(comparable(direct)).toEqual(comparable(routed));
      return;
    }
  });

  it('serves on the server Fastify would have made (its timeouts, not node:http defaults)', () => {
    const server = app.app.getHttpServer() as Server;
    expect(server.keepAliveTimeout).toBe(72_000);
    expect(server.requestTimeout).toBe(0);
  });

  it('reserves through the front door exactly what the stats count', async () => {
    const stats = async () =>
      (await app.http.get(`/v1/merchant/flash-sales/${open.id}`, { token: merchant.apiKey })).body.stats;
    const buyers = await Promise.all(Array.from({ length: 10 }, () => loginShopper(app)));
    const before = await stats();
    take.mockClear();
    const answers = await Promise.all(
      buyers.map((buyer) =>
        send(app.url, {
          path: purchasePath(open.id),
          headers: { authorization: `Bearer ${buyer.token}`, ...json },
          body: '{"quantity":1}',
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(202));
    expect(take.mock.results.every((result) => result.value === true)).toBe(true);
    const after = await stats();
    expect(after.reserved - before.reserved).toBe(10);
    expect(before.remaining - after.remaining).toBe(10);
    expect(new Set(answers.map((answer) => JSON.parse(answer.body).reservationId)).size).toBe(10);
  });
});

function purchasePath(saleId: string): string {
  return `/v1/flash-sales/${saleId}/purchase`;
}
