import { readAllPages } from '../merchants/paging';
import { createMerchant, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { createCampaign, draw } from './lucky-draw-fixtures';

describe('lucky draw item fulfilment: the merchant lists item prizes won and ships them', () => {
  let app: TestApp;
  let merchant: TestMerchant;
  let other: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp();
    merchant = await createMerchant(app);
    other = await createMerchant(app);
  });
  afterAll(() => app.close());

  const itemOnly = { prizes: [{ name: 'Tea cup', kind: 'item', weight: 1 }] };
  const missOnly = { prizes: [{ name: 'Thanks', kind: 'none', weight: 1 }] };
  const base = (campaignId: string) => `/v1/merchant/lucky-draws/${campaignId}/fulfilments`;
  const list = (campaignId: string, query = '', who = merchant) =>
    app.http.get(`${base(campaignId)}${query}`, { token: who.apiKey });
  const post = (campaignId: string, drawId: string, body: Record<string, unknown>, who = merchant) =>
    app.http.post(`${base(campaignId)}/${drawId}`, { token: who.apiKey, body });

  /** One draw by a new shopper, a second later than the last (so the list order is the drawing order). */
  async function drawOnce(campaignId: string) {
    app.clock.advance(1000);
    const shopper = await loginShopper(app);
    const response = await draw(app, shopper, campaignId);
    expect(response.status).toBe(201);
    return { shopper, drawId: response.body.drawId as string };
  }

  it('lists the item prizes won, newest first, each pending; a miss is not listed', async () => {
    const campaign = await createCampaign(app, merchant, itemOnly);
    const first = await drawOnce(campaign.id);
    const second = await drawOnce(campaign.id);
    const prize = campaign.prizes[0];

    const response = await list(campaign.id);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      items: [second, first].map(({ shopper, drawId }) => ({
        drawId,
        shopperId: shopper.id,
        prize: { id: prize.id, name: 'Tea cup' },
        status: 'pending',
        note: null,
        wonAt: expect.any(String),
        shippedAt: null,
      })),
      nextCursor: null,
    });

    const misses = await createCampaign(app, merchant, missOnly);
    await drawOnce(misses.id);
    expect((await list(misses.id)).body.items).toEqual([]);
  });

  it('ships once: 200 with the note; again 200 unchanged; back to pending 409 FULFILMENT_ALREADY_SHIPPED', async () => {
    const campaign = await createCampaign(app, merchant, itemOnly);
    const { drawId } = await drawOnce(campaign.id);
    const kept = await drawOnce(campaign.id);

    const shipped = await post(campaign.id, drawId, { status: 'shipped', note: 'SF 1234' });
    expect(shipped.status).toBe(200);
    expect(shipped.body).toMatchObject({ drawId, status: 'shipped', note: 'SF 1234', shippedAt: expect.any(String) });
    const again = await post(campaign.id, drawId, { status: 'shipped', note: 'another' });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(shipped.body);
    expectError(await post(campaign.id, drawId, { status: 'pending' }), 409, 'FULFILMENT_ALREADY_SHIPPED');
    const pending = await post(campaign.id, kept.drawId, { status: 'pending' });
    expect(pending.status).toBe(200);
    expect(pending.body).toMatchObject({ drawId: kept.drawId, status: 'pending', shippedAt: null });

    const rows = await app.db.query<any>(
      'SELECT fulfilment_status, fulfilment_note FROM lucky_draw_entries WHERE id = $1',
      [drawId],
    );
    expect(rows).toEqual([{ fulfilment_status: 'shipped', fulfilment_note: 'SF 1234' }]);
    expect((await list(campaign.id, '?status=shipped')).body.items.map((f: any) => f.drawId)).toEqual([drawId]);
    expect((await list(campaign.id, '?status=pending')).body.items.map((f: any) => f.drawId)).toEqual([kept.drawId]);
  });

  it('pages by keyset: no prize lost or repeated while new ones are won between pages', async () => {
    const campaign = await createCampaign(app, merchant, itemOnly);
    const before: string[] = [];
    for (let i = 0; i < 5; i++) before.push((await drawOnce(campaign.id)).drawId);
    const during: string[] = [];
    const seen = await readAllPages<{ drawId: string }>(app, base(campaign.id), merchant.apiKey, {
      limit: 2,
      between: async () => {
        during.push((await drawOnce(campaign.id)).drawId);
      },
    });
    // Prizes won while paging are newer than the cursor: they belong to a fresh read, never shift a page.
    expect(seen.map((f) => f.drawId)).toEqual([...before].reverse());
    const all = (await list(campaign.id, '?limit=100')).body.items.map((f: any) => f.drawId);
    expect(all).toEqual([...before, ...during].reverse());
  });

  it('404 for a draw that is not an item prize of this campaign, and for another merchant', async () => {
    const campaign = await createCampaign(app, merchant, itemOnly);
    const { drawId } = await drawOnce(campaign.id);
    const elsewhere = await createCampaign(app, merchant, itemOnly);
    const foreign = await drawOnce(elsewhere.id);
    const misses = await createCampaign(app, merchant, missOnly);
    const miss = await drawOnce(misses.id);

    expectError(await post(campaign.id, foreign.drawId, { status: 'shipped' }), 404, 'NOT_FOUND');
    expectError(await post(misses.id, miss.drawId, { status: 'shipped' }), 404, 'NOT_FOUND');
    expectError(await post(campaign.id, 'not-a-uuid', { status: 'shipped' }), 404, 'NOT_FOUND');
    expectError(await post(campaign.id, drawId, { status: 'shipped' }, other), 404, 'NOT_FOUND');
    expectError(await list(campaign.id, '', other), 404, 'NOT_FOUND');
    // Nothing moved for the refused requests.
    expect((await list(elsewhere.id)).body.items[0].status).toBe('pending');
    expect((await list(campaign.id)).body.items[0].status).toBe('pending');
  });

  it.each([
    ['?status=lost', {}],
    ['', { status: 'delivered' }],
    ['', { status: 'shipped', note: 'x'.repeat(501) }],
    ['', { status: 'shipped', extra: true }],
  ])('refuses %s %j with 400 VALIDATION_FAILED', async (query, body) => {
    const campaign = await createCampaign(app, merchant, itemOnly);
    const { drawId } = await drawOnce(campaign.id);
    const response = query ? await list(campaign.id, query) : await post(campaign.id, drawId, body);
    expectError(response, 400, 'VALIDATION_FAILED');
  });
});
