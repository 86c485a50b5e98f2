import { randomUUID } from 'node:crypto';
import { TransfersService } from '../../src/payments/transfers/transfers.service';
import { loginShopper } from '../support/fixtures';
import { settleEverything } from '../support/payments';
import { TestApp } from '../support/test-app';
import { GATEWAYS, startAppWith } from './support/gateway-under-test';

describe.each(GATEWAYS)('transfers (%s gateway)', (gatewayUnderTest) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startAppWith(gatewayUnderTest);
  });
  afterAll(() => app.close());

  it('a transfer with the same business key twice pays once, and ends succeeded', async () => {
    const shopper = await loginShopper(app);
    const transfers = app.app.get(TransfersService);
    const request = {
      businessKey: 'rebate:abc',
      shopperId: shopper.id,
      merchantId: randomUUID(),
      openid: shopper.openid,
      amountFen: 800,
      reason: 'rebate' as const,
      remark: 'Cash rebate',
    };
    const first = await transfers.request(request);
    expect(first).toMatchObject({ businessKey: 'rebate:abc', amountFen: 800, status: 'processing' });
    // The key's transfer again, not a second one: callers record its id whichever call made it.
    expect((await transfers.request(request)).id).toBe(first.id);
    await settleEverything(app);
    await Promise.all([transfers.request(request), settleEverything(app)]);
    const atProvider = await app.db.query<{ amount_fen: string }>('SELECT amount_fen FROM sandbox_transfers');
    expect(atProvider.map((row) => Number(row.amount_fen))).toEqual([800]);
    const mine = await app.http.get('/v1/me/transfers', { token: shopper.token });
    expect(mine.body.items).toEqual([
      { id: first.id, amountFen: 800, reason: 'rebate', status: 'succeeded', createdAt: expect.any(String) },
    ]);
    const stranger = await loginShopper(app);
    expect((await app.http.get('/v1/me/transfers', { token: stranger.token })).body.items).toEqual([]);
  });

  it('a transfer refused by the provider for lack of funds is retried with the same number and pays once', async () => {
    const shopper = await loginShopper(app);
    await app.http.post('/v1/sandbox/faults', {
      token: 'test-admin-token-0123456789abcdef',
      body: { operation: 'transfer', code: 'NOT_ENOUGH', times: 2 },
    });
    await app.app.get(TransfersService).request({
      businessKey: 'prize:xyz',
      shopperId: shopper.id,
      merchantId: randomUUID(),
      openid: shopper.openid,
      amountFen: 500,
      reason: 'prize',
      remark: 'Prize',
    });
    for (let i = 0; i < 4; i++) {
      await settleEverything(app, 1);
      app.clock.advance(10_000);
    }
    await settleEverything(app);
    const mine = await app.http.get('/v1/me/transfers', { token: shopper.token });
    expect(mine.body.items.map((t: any) => t.status)).toEqual(['succeeded']);
    expect(await app.db.query('SELECT 1 FROM sandbox_transfers WHERE openid = $1', [shopper.openid])).toHaveLength(1);
  });
});
