import { WebhookDispatcher } from '../../src/modules/webhooks/delivery/webhook-dispatcher';
import { DestinationResolver } from '../../src/modules/webhooks/delivery/destination-resolver';
import { JobRunner } from '../../src/platform/jobs/job-runner';
import { readAllPages } from '../merchants/paging';
import { createMerchant, createProduct, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { placeOrder } from '../support/payments';
import { startTestApp, TestApp } from '../support/test-app';
import { createEndpoint, deliveriesOf, WebhookReceiver } from './webhook-receiver';

const BASE = '/v1/merchant/webhook-endpoints';

describe('webhook endpoint registry', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let stranger: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app, 'Tea shop');
    stranger = await createMerchant(app, 'Other shop');
  });
  afterAll(() => app.close());

  it('creates an endpoint with a whsec_ secret shown once, and lists it without secrets', async () => {
    const created = await app.http.post(BASE, {
      token: merchant.apiKey,
      body: { url: 'https://erp.example.com/hooks', events: ['order.paid', 'refund.succeeded'], description: 'ERP' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      id: expect.any(String),
      url: 'https://erp.example.com/hooks',
      events: ['order.paid', 'refund.succeeded'],
      status: 'enabled',
      description: 'ERP',
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(Buffer.from(created.body.secret.slice(6), 'base64')).toHaveLength(32);

    const list = await app.http.get(BASE, { token: merchant.apiKey });
    expect(list.status).toBe(200);
    const listed = list.body.items.find((item: any) => item.id === created.body.id);
    expect(listed).toMatchObject({ url: 'https://erp.example.com/hooks', status: 'enabled' });
    expect(list.text).not.toContain('whsec_');
    expect(Object.keys(listed)).not.toContain('secret');
    // The secret is kept sealed, not as the merchant saw it.
    const [row] = await app.db.query<{ secret_sealed: string }>(
      'SELECT secret_sealed FROM webhook_endpoints WHERE id = $1',
      [created.body.id],
    );
    expect(row.secret_sealed).not.toContain(created.body.secret.slice(6));
  });

  it('a create or rotation repeated with its Idempotency-Key shows the same secret, never stored readable', async () => {
    const create = () =>
      app.http.post(BASE, {
        token: merchant.apiKey,
        idempotencyKey: 'create-erp-hooks',
        body: { url: 'https://erp.example.com/replayed', events: ['*'] },
      });
    const [first, again] = [await create(), await create()];
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const rotate = () =>
      app.http.post(`${BASE}/${first.body.id}/rotate-secret`, { token: merchant.apiKey, idempotencyKey: 'rotate-1' });
    const [rotated, replayed] = [await rotate(), await rotate()];
    expect(replayed.body).toEqual(rotated.body);
    const stored = await app.db.query<{ body: string }>('SELECT response_body::text AS body FROM idempotency_keys');
    for (const secret of [first.body.secret, rotated.body.secret]) {
      expect(stored.some((row) => row.body?.includes(secret.slice(6)))).toBe(false);
    }
  });

  it.each([
    [{ url: 'https://x.example.com', events: [] }, 'events'],
    [{ url: 'https://x.example.com', events: ['order.shipped'] }, 'events'],
    [{ url: 'https://x.example.com' }, 'events'],
    [{ url: 'not a url', events: ['*'] }, 'url'],
    [{ url: 'ftp://x.example.com', events: ['*'] }, 'url'],
    [{ url: 'https://user:pw@x.example.com', events: ['*'] }, 'url'],
    [{ url: 'https://x.example.com', events: ['*'], description: 'x'.repeat(201) }, 'description'],
  ])('refuses %j with 400 VALIDATION_FAILED naming %s', async (body, field) => {
    const response = await app.http.post(BASE, { token: merchant.apiKey, body });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.map((detail: any) => detail.field)).toContain(field);
  });

  it('accepts every event type of the catalogue, gift cards included', async () => {
    const events = [
      'order.paid',
      'order.cancelled',
      'order.refunded',
      'refund.succeeded',
      'refund.failed',
      'flash_sale.sold_out',
      'group_room.completed',
      'group_room.failed',
      'lucky_draw.prize_won',
      'rebate.paid',
      'transfer.succeeded',
      'transfer.failed',
      'gift_card.purchased',
      'gift_card.redeemed',
      'campaign.ended',
    ];
    const created = await app.http.post(BASE, {
      token: merchant.apiKey,
      body: { url: 'https://a.example.com', events },
    });
    expect(created.status).toBe(201);
    expect(created.body.events).toEqual(events);
  });

  it('updates url, events and status; another merchant’s endpoint is 404 on every route', async () => {
    const endpoint = await createEndpoint(app, merchant, 'https://old.example.com/hooks');
    const patched = await app.http.request('PATCH', `${BASE}/${endpoint.id}`, {
      token: merchant.apiKey,
      body: { url: 'https://new.example.com/hooks', events: ['campaign.ended'], status: 'disabled' },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      id: endpoint.id,
      url: 'https://new.example.com/hooks',
      events: ['campaign.ended'],
      status: 'disabled',
    });
    expect(patched.body.secret).toBeUndefined();
    expectError(
      await app.http.request('PATCH', `${BASE}/${endpoint.id}`, { token: merchant.apiKey, body: { status: 'paused' } }),
      400,
      'VALIDATION_FAILED',
    );

    const foreign = { token: stranger.apiKey };
    expectError(await app.http.request('PATCH', `${BASE}/${endpoint.id}`, { ...foreign, body: {} }), 404, 'NOT_FOUND');
    expectError(await app.http.request('DELETE', `${BASE}/${endpoint.id}`, foreign), 404, 'NOT_FOUND');
    expectError(await app.http.post(`${BASE}/${endpoint.id}/rotate-secret`, foreign), 404, 'NOT_FOUND');
    expectError(await app.http.get(`${BASE}/${endpoint.id}/deliveries`, foreign), 404, 'NOT_FOUND');
    expectError(await app.http.get(`${BASE}/not-an-id/deliveries`, { token: merchant.apiKey }), 404, 'NOT_FOUND');
    expect((await app.http.get(BASE, foreign)).body.items.map((item: any) => item.id)).not.toContain(endpoint.id);
    expectError(await app.http.get(BASE), 401, 'UNAUTHENTICATED');
  });

  it('deletes an endpoint with 204; its pending deliveries are never sent', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const owner = await createMerchant(app, 'Deleting shop');
      const goods = await createProduct(app, owner, { priceFen: 900 });
      const endpoint = await createEndpoint(app, owner, receiver.url);
      const shopper = await loginShopper(app);
      const order = await placeOrder(app, shopper, [{ productId: goods.id, quantity: 1 }]);
      await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
      expect(await deliveriesOf(app, owner, endpoint.id)).toHaveLength(1);

      const deleted = await app.http.request('DELETE', `${BASE}/${endpoint.id}`, { token: owner.apiKey });
      expect(deleted.status).toBe(204);
      expectError(await app.http.get(`${BASE}/${endpoint.id}/deliveries`, { token: owner.apiKey }), 404, 'NOT_FOUND');
      await app.app.get(JobRunner).runNow('webhooks.dispatch');
      await app.app.get(WebhookDispatcher).idle();
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });

  it('pages endpoints newest first with a cursor, each once', async () => {
    const owner = await createMerchant(app, 'Many endpoints');
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await createEndpoint(app, owner, `https://e${i}.example.com/hooks`)).id);
      app.clock.advance(1000);
    }
    const seen = await readAllPages<{ id: string }>(app, BASE, owner.apiKey, { limit: 3 });
    expect(seen.map((item) => item.id)).toEqual([...ids].reverse());
    expectError(await app.http.get(`${BASE}?cursor=bogus`, { token: owner.apiKey }), 400, 'VALIDATION_FAILED');
  });

  it('lists an endpoint’s deliveries by status, newest first, paged', async () => {
    const owner = await createMerchant(app, 'Delivery log');
    const goods = await createProduct(app, owner, { priceFen: 900 });
    const endpoint = await createEndpoint(app, owner, 'https://log.example.com/hooks', ['order.cancelled']);
    const shopper = await loginShopper(app);
    const orders: string[] = [];
    for (let i = 0; i < 5; i++) {
      const order = await placeOrder(app, shopper, [{ productId: goods.id, quantity: 1 }]);
      await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
      orders.push(order.id);
      app.clock.advance(1000);
    }
    const path = `${BASE}/${endpoint.id}/deliveries?status=pending`;
    const seen = await readAllPages<any>(app, path, owner.apiKey, { limit: 2 });
    expect(seen).toHaveLength(5);
    expect(seen[0]).toEqual({
      id: expect.any(String),
      eventId: expect.any(String),
      type: 'order.cancelled',
      status: 'pending',
      attempts: 0,
      lastStatusCode: null,
      lastError: null,
      nextAttemptAt: expect.any(String),
      createdAt: expect.any(String),
    });
    expect(await deliveriesOf(app, owner, endpoint.id, '?status=succeeded')).toEqual([]);
    expectError(
      await app.http.get(`${BASE}/${endpoint.id}/deliveries?status=lost`, { token: owner.apiKey }),
      400,
      'VALIDATION_FAILED',
    );
  });
});

describe('webhook URLs in production mode (SSRF guard)', () => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp({ env: { NODE_ENV: 'production', ALLOW_SANDBOX: 'true' } });
    merchant = await createMerchant(app, 'Tea shop');
  });
  afterAll(() => app.close());

  it.each([
    'https://127.0.0.1/hooks',
    'https://10.0.0.1/hooks',
    'https://169.254.169.254/latest/meta-data',
    'https://localhost/hooks',
    'https://[::1]/hooks',
    'https://[::ffff:127.0.0.1]/hooks',
    'https://192.168.1.10/hooks',
    'http://erp.example.com/hooks',
  ])('refuses %s with 400 VALIDATION_FAILED', async (url) => {
    const response = await app.http.post(BASE, { token: merchant.apiKey, body: { url, events: ['*'] } });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details).toEqual([
      { field: 'url', problems: [expect.stringMatching(/^url (must|localhost resolves to a loopback)/)] },
    ]);
  });

  it('refuses a change of URL to a private one too', async () => {
    const endpoint = await createEndpoint(app, merchant, 'https://93.184.216.34/hooks');
    const patched = await app.http.request('PATCH', `${BASE}/${endpoint.id}`, {
      token: merchant.apiKey,
      body: { url: 'https://169.254.169.254/' },
    });
    expectError(patched, 400, 'VALIDATION_FAILED');
  });

  /** Names answered as a merchant's DNS would answer them (the service's resolver, nothing else, replaced). */
  function resolving(names: Record<string, string>) {
    return jest
      .spyOn(app.app.get(DestinationResolver), 'resolve')
      .mockImplementation(async (hostname) => (names[hostname] ? [{ address: names[hostname], family: 4 }] : []));
  }

  it.each([
    ['erp.loopback.example', '127.0.0.1'],
    ['erp.intranet.example', '10.0.0.1'],
    ['metadata.cloud.example', '169.254.169.254'],
  ])('refuses a name resolving to a private address: %s (%s), on create and on a change of URL', async (name, to) => {
    const dns = resolving({ [name]: to, 'erp.public.example': '93.184.216.34' });
    try {
      const created = await app.http.post(BASE, {
        token: merchant.apiKey,
        body: { url: `https://${name}/hooks`, events: ['*'] },
      });
      expectError(created, 400, 'VALIDATION_FAILED');
      expect(created.body.error.details).toEqual([
        { field: 'url', problems: [`url ${name} resolves to a loopback, private or link-local address`] },
      ]);
      // The same request naming a public address is accepted: what the name resolves to is what was refused.
      const endpoint = await createEndpoint(app, merchant, 'https://erp.public.example/hooks');
      const patched = await app.http.request('PATCH', `${BASE}/${endpoint.id}`, {
        token: merchant.apiKey,
        body: { url: `https://${name}/hooks` },
      });
      expectError(patched, 400, 'VALIDATION_FAILED');
    } finally {
      dns.mockRestore();
    }
  });

  it('checks again when sending: a name that now resolves to the metadata address is refused', async () => {
    const answers: Record<string, string> = { 'erp.rebinding.example': '93.184.216.34' };
    const dns = resolving(answers);
    try {
      const goods = await createProduct(app, merchant, { priceFen: 900 });
      const endpoint = await createEndpoint(app, merchant, 'https://erp.rebinding.example/hooks');
      answers['erp.rebinding.example'] = '169.254.169.254';
      const shopper = await loginShopper(app);
      const order = await placeOrder(app, shopper, [{ productId: goods.id, quantity: 1 }]);
      await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
      await app.app.get(JobRunner).runNow('webhooks.dispatch');
      await app.app.get(WebhookDispatcher).idle();
      const [delivery] = await deliveriesOf(app, merchant, endpoint.id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toMatch(
        /refused: erp\.rebinding\.example resolves to a loopback, private or link-local address/,
      );
    } finally {
      dns.mockRestore();
    }
  });

  it('checks again when sending: a name that now resolves to loopback is refused, nothing reaches it', async () => {
    const receiver = await WebhookReceiver.start();
    try {
      const goods = await createProduct(app, merchant, { priceFen: 900 });
      const endpoint = await createEndpoint(app, merchant, 'https://93.184.216.34/hooks');
      // As if its DNS had changed since registration (rebinding): the name now leads to this machine.
      const port = new URL(receiver.url).port;
      await app.db.query('UPDATE webhook_endpoints SET url = $2 WHERE id = $1', [
        endpoint.id,
        `https://localhost:${port}/hooks`,
      ]);
      const shopper = await loginShopper(app);
      const order = await placeOrder(app, shopper, [{ productId: goods.id, quantity: 1 }]);
      await app.http.post(`/v1/orders/${order.id}/cancel`, { token: shopper.token });
      await app.app.get(JobRunner).runNow('webhooks.dispatch');
      await app.app.get(WebhookDispatcher).idle();
      const [delivery] = await deliveriesOf(app, merchant, endpoint.id);
      expect(delivery).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null });
      expect(delivery.lastError).toMatch(/refused: localhost resolves to a loopback, private or link-local address/);
      expect(receiver.received).toHaveLength(0);
    } finally {
      await receiver.close();
    }
  });
});
