import { createTemplate, MODES } from '../coupons/coupon-fixtures';
import { createSale } from '../flash-sale/flash-fixtures';
import { createCampaign as createGroupBuy } from '../group-buy/group-buy-fixtures';
import { createCampaign as createDraw } from '../lucky-draw/lucky-draw-fixtures';
import { readAllPages } from '../merchants/paging';
import { createMerchant, createProduct, TestMerchant } from '../support/fixtures';
import { startTestApp, TestApp } from '../support/test-app';
import { campaignsOf, Kind } from './campaign-fixtures';

const HOUR = 3_600_000;
const KINDS: Kind[] = ['coupon-templates', 'flash-sales', 'group-buys', 'lucky-draws', 'rebate-rules'];

/**
 * Every campaign list, walked page by page while campaigns are added between pages (the owner's, matching the
 * filter, and another merchant's): each of the caller's rows that matches the filter once, newest first, none lost,
 * none repeated, none of another merchant's. An OFFSET would shift every page after an added row.
 */
describe.each(MODES)('campaign lists paged while campaigns are added %s', (_mode, options) => {
  let app: TestApp;

  beforeAll(async () => {
    app = await startTestApp(options);
  });
  afterAll(() => app.close());

  const later = (ms: number) => new Date(app.clock.now().getTime() + ms);

  /** A campaign of `kind` for `merchant` whose name (or its product's) says tea or cake; active now or scheduled. */
  async function create(kind: Kind, merchant: TestMerchant, what: 'tea' | 'cake', scheduled: boolean) {
    const name = what === 'tea' ? 'Oolong tea' : 'Moon cake';
    const startsAt = scheduled ? later(HOUR) : later(-HOUR);
    const endsAt = later(48 * HOUR);
    app.clock.advance(1000);
    switch (kind) {
      case 'coupon-templates':
        return createTemplate(app, merchant, {
          name,
          claimStartsAt: startsAt.toISOString(),
          claimEndsAt: endsAt.toISOString(),
        });
      case 'flash-sales':
        return createSale(app, merchant, (await createProduct(app, merchant, { name })).id, { startsAt, endsAt });
      case 'group-buys':
        return createGroupBuy(app, merchant, {
          productId: (await createProduct(app, merchant, { name })).id,
          startsAt: startsAt.toISOString(),
          endsAt: endsAt.toISOString(),
        });
      case 'lucky-draws':
        return createDraw(app, merchant, { name, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() });
      case 'rebate-rules': {
        const response = await app.http.post('/v1/merchant/rebate-rules', {
          token: merchant.apiKey,
          body: { name, kind: 'fixed', valueFen: 100, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString() },
        });
        expect(response.status).toBe(201);
        return response.body;
      }
    }
  }

  it.each(KINDS)('%s: every page walk gives each matching row of the caller once, in order', async (kind) => {
    const owner = await createMerchant(app, 'Owner');
    const other = await createMerchant(app, 'Other');
    await create(kind, other, 'tea', false);
    // Twelve of the owner's: scheduled tea, active cake, active tea, in turn; one active tea ended early.
    const made: Array<{ id: string; activeTea: boolean }> = [];
    for (let i = 0; i < 12; i++) {
      const shape = i % 3;
      const campaign = await create(kind, owner, shape === 1 ? 'cake' : 'tea', shape === 0);
      made.push({ id: campaign.id, activeTea: shape === 2 });
    }
    const ended = made[5];
    expect((await campaignsOf(app, owner, kind).end(ended.id)).status).toBe(200);
    ended.activeTea = false;

    /** Between pages: one more of the owner's matching the filter, and one of another merchant's. */
    const added: string[] = [];
    const addMatching = async () => {
      added.push((await create(kind, owner, 'tea', false)).id);
      await create(kind, other, 'tea', false);
    };
    const newestFirst = (rows: typeof made) => rows.map((row) => row.id).reverse();

    const filtered = await readAllPages<{ id: string; status: string }>(
      app,
      `/v1/merchant/${kind}?status=active&q=TEA`,
      owner.apiKey,
      { limit: 1, between: addMatching },
    );
    expect(filtered.map((row) => row.id)).toEqual(newestFirst(made.filter((row) => row.activeTea)));
    expect(filtered.every((row) => row.status === 'active')).toBe(true);

    expect(added.length).toBeGreaterThanOrEqual(3);

    // Rows added during the first walk were there when this one began: they lead it; those added during it do not.
    const addedBefore = [...added].reverse();
    const all = await readAllPages<{ id: string }>(app, `/v1/merchant/${kind}`, owner.apiKey, {
      limit: 5,
      between: addMatching,
    });
    expect(all.map((row) => row.id)).toEqual([...addedBefore, ...newestFirst(made)]);
  });
});
