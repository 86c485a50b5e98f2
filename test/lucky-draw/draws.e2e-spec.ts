import { createHash } from 'node:crypto';
import { createMerchant, expectError, loginShopper, TestMerchant } from '../support/fixtures';
import { settleEverything } from '../support/payments';
import { startTestApp, TEST_ADMIN_TOKEN, TestApp } from '../support/test-app';
import {
  createCampaign,
  createPrizeTemplate,
  DAY,
  draw,
  inBatches,
  mine,
  MINUTE,
  MODES,
  recomputePick,
  share,
} from './lucky-draw-fixtures';

describe.each(MODES)('lucky draws %s', (_mode, options) => {
  let app: TestApp;
  let merchant: TestMerchant;

  beforeAll(async () => {
    app = await startTestApp(options);
    merchant = await createMerchant(app);
  });
  afterAll(() => app.close());

  it('refuses contradictions, naming the field', async () => {
    const other = await createMerchant(app);
    const foreign = await createPrizeTemplate(app, other);
    const response = await app.http.post('/v1/merchant/lucky-draws', {
      token: merchant.apiKey,
      body: {
        name: 'Bad',
        startsAt: new Date(app.clock.now().getTime() + DAY).toISOString(),
        endsAt: app.clock.now().toISOString(),
        timezone: 'Mars/Olympus',
        prizes: [
          { name: 'c', kind: 'coupon', weight: 1, couponTemplateId: foreign.id },
          { name: 'm', kind: 'cash', weight: 1, cashFen: 30_000 },
        ],
      },
    });
    expectError(response, 400, 'VALIDATION_FAILED');
    expect(response.body.error.details.map((d: any) => d.field).sort()).toEqual(
      ['endsAt', 'prizes[0].couponTemplateId', 'prizes[1].cashFen', 'timezone'].sort(),
    );
    const noPrize = await app.http.post('/v1/merchant/lucky-draws', {
      token: merchant.apiKey,
      body: { name: 'x', startsAt: app.clock.now().toISOString(), endsAt: app.clock.now().toISOString(), prizes: [] },
    });
    expectError(noPrize, 400, 'VALIDATION_FAILED');
  });

  it('a stock-3 jackpot is never awarded more than 3 times; its other picks are misses', async () => {
    const campaign = await createCampaign(app, merchant, {
      prizes: [
        { name: 'Jackpot', kind: 'item', weight: 1, stock: 3 },
        { name: 'Thanks', kind: 'none', weight: 1 },
      ],
    });
    const jackpot = campaign.prizes[0].id;
    const shoppers = await inBatches(
      Array.from({ length: 40 }, (_, i) => i),
      10,
      () => loginShopper(app),
    );
    const draws = await Promise.all(shoppers.map((shopper) => draw(app, shopper, campaign.id)));
    expect(draws.every((response) => response.status === 201)).toBe(true);
    const bodies = draws.map((response) => response.body);
    const won = bodies.filter((body) => body.prize.id === jackpot);
    const picked = bodies.filter((body) => body.pickedPrizeId === jackpot);
    expect(won.length).toBe(Math.min(3, picked.length));
    for (const miss of picked.filter((body) => body.prize.id !== jackpot)) {
      expect(miss.prize).toMatchObject({ id: null, kind: 'none' });
    }
    const [record] = await app.db.query<{ awarded: number; stock: number; rows: number }>(
      `SELECT p.awarded, p.stock, (SELECT count(*)::int FROM lucky_draw_entries e WHERE e.prize_id = p.id) AS rows
       FROM lucky_draw_prizes p WHERE p.id = $1`,
      [jackpot],
    );
    expect(record.rows).toBe(record.awarded);
    expect(record.awarded).toBeLessThanOrEqual(3);
    const view = (await app.http.get(`/v1/merchant/lucky-draws/${campaign.id}`, { token: merchant.apiKey })).body;
    expect(view.stats.draws).toBe(40);
    expect(view.stats.won[jackpot] ?? 0).toBe(record.awarded);
    expect(view.itemsToFulfil).toHaveLength(record.awarded);
    expect(view.revealedSeed).toBeNull();
  });

  it('a second draw the same day is LUCKY_DRAW_NO_CHANCES; shares add chances up to the cap; the next day starts again', async () => {
    const campaign = await createCampaign(app, merchant, { shareBonusDrawsPerDay: 2 });
    const shopper = await loginShopper(app);
    expect((await draw(app, shopper, campaign.id)).status).toBe(201);
    expectError(await draw(app, shopper, campaign.id), 409, 'LUCKY_DRAW_NO_CHANCES');
    expect((await mine(app, shopper, campaign.id)).chancesLeftToday).toBe(0);
    const shares = [];
    for (let i = 0; i < 3; i++) shares.push(await share(app, shopper, campaign.id));
    expect(shares.map((r) => [r.status, r.body.chancesLeftToday])).toEqual([
      [201, 1],
      [201, 2],
      [201, 2],
    ]);
    expect((await draw(app, shopper, campaign.id)).status).toBe(201);
    expect((await draw(app, shopper, campaign.id)).status).toBe(201);
    expectError(await draw(app, shopper, campaign.id), 409, 'LUCKY_DRAW_NO_CHANCES');
    const me = await mine(app, shopper, campaign.id);
    expect(me.chancesLeftToday).toBe(0);
    expect(me.draws).toHaveLength(3);
    app.clock.advance(DAY);
    const nextDay = await loginShopper(app, shopper.openid); // the same shopper, a fresh token
    expect((await mine(app, nextDay, campaign.id)).chancesLeftToday).toBe(1);
    expect((await draw(app, nextDay, campaign.id)).status).toBe(201);
  });

  it('6 concurrent draws with 2 chances give exactly 2', async () => {
    const campaign = await createCampaign(app, merchant, { drawsPerUserPerDay: 2 });
    const shopper = await loginShopper(app);
    const responses = await Promise.all(Array.from({ length: 6 }, () => draw(app, shopper, campaign.id)));
    const codes = responses.map((r) => (r.status === 201 ? '201' : r.body.error.code)).sort();
    expect(codes).toEqual(['201', '201', ...Array(4).fill('LUCKY_DRAW_NO_CHANCES')]);
    const rows = await app.db.query<{ used: number }>(
      'SELECT used FROM lucky_draw_chances WHERE campaign_id = $1 AND shopper_id = $2',
      [campaign.id, shopper.id],
    );
    expect(rows).toEqual([{ used: 2 }]);
    const entries = await app.db.query('SELECT 1 FROM lucky_draw_entries WHERE campaign_id = $1', [campaign.id]);
    expect(entries).toHaveLength(2);
  });

  it('a won coupon is answered with its couponId, already in the wallet, issued once per draw', async () => {
    const template = await createPrizeTemplate(app, merchant);
    const campaign = await createCampaign(app, merchant, {
      prizes: [{ name: '5 yuan off', kind: 'coupon', weight: 1, couponTemplateId: template.id }],
    });
    const shopper = await loginShopper(app);
    const response = await draw(app, shopper, campaign.id, 'draw-once');
    expect(response.status).toBe(201);
    const couponId = response.body.couponId;
    expect(response.body).toMatchObject({ prize: { kind: 'coupon' }, couponId: expect.any(String), transferId: null });
    expect(response.body.missReason).toBeNull();
    // No job runs in between: the coupon committed with the draw.
    const wallet = await app.http.get('/v1/me/coupons', { token: shopper.token });
    expect(wallet.body.items.map((c: any) => [c.id, c.templateId, c.status])).toEqual([
      [couponId, template.id, 'available'],
    ]);
    const replay = await draw(app, shopper, campaign.id, 'draw-once');
    expect([replay.body.drawId, replay.body.couponId]).toEqual([response.body.drawId, couponId]);
    const me = await mine(app, shopper, campaign.id);
    expect(me.draws.map((d: any) => d.couponId)).toEqual([couponId]);
    const coupons = await app.db.query('SELECT 1 FROM coupons WHERE business_key = $1', [
      `draw:${response.body.drawId}`,
    ]);
    expect(coupons).toHaveLength(1);
  });

  it('a coupon prize whose template is sold out makes the draw a miss, never a promise', async () => {
    const template = await createPrizeTemplate(app, merchant, 1);
    const campaign = await createCampaign(app, merchant, {
      prizes: [{ name: '5 yuan off', kind: 'coupon', weight: 1, stock: 5, couponTemplateId: template.id }],
    });
    const prizeId = campaign.prizes[0].id;
    const [lucky, unlucky] = [await loginShopper(app), await loginShopper(app)];
    const won = await draw(app, lucky, campaign.id);
    expect(won.body).toMatchObject({ prize: { id: prizeId, kind: 'coupon' }, couponId: expect.any(String) });
    const missed = await draw(app, unlucky, campaign.id);
    expect(missed.status).toBe(201);
    expect(missed.body).toMatchObject({
      prize: { id: null, kind: 'none' },
      pickedPrizeId: prizeId,
      couponId: null,
      missReason: 'prize_not_issued',
    });
    expect((await app.http.get('/v1/me/coupons', { token: unlucky.token })).body.items).toEqual([]);
    expect((await mine(app, unlucky, campaign.id)).draws).toEqual([
      expect.objectContaining({ drawId: missed.body.drawId, prize: expect.objectContaining({ kind: 'none' }) }),
    ]);
    // Recorded as a miss, with why; the prize's unit was given back; stats count a miss.
    const [entry] = await app.db.query<{
      kind: string;
      prize_id: string | null;
      issue_status: string;
      issue_error: string;
    }>('SELECT kind, prize_id, issue_status, issue_error FROM lucky_draw_entries WHERE id = $1', [missed.body.drawId]);
    expect(entry).toMatchObject({ kind: 'none', prize_id: null, issue_status: 'none' });
    expect(entry.issue_error).toMatch(/^COUPON_SOLD_OUT/);
    const [prize] = await app.db.query<{ awarded: number }>('SELECT awarded FROM lucky_draw_prizes WHERE id = $1', [
      prizeId,
    ]);
    expect(prize.awarded).toBe(1);
    const view = await app.http.get(`/v1/merchant/lucky-draws/${campaign.id}`, { token: merchant.apiKey });
    expect(view.body.stats).toMatchObject({ draws: 2, won: { [prizeId]: 1 }, outOfStock: 1 });
  });

  it('concurrent coupon draws never issue more than the template holds; the rest are misses', async () => {
    const template = await createPrizeTemplate(app, merchant, 3);
    const campaign = await createCampaign(app, merchant, {
      prizes: [{ name: '5 yuan off', kind: 'coupon', weight: 1, couponTemplateId: template.id }],
    });
    const shoppers = await inBatches(
      Array.from({ length: 12 }, (_, i) => i),
      6,
      () => loginShopper(app),
    );
    const draws = await Promise.all(shoppers.map((shopper) => draw(app, shopper, campaign.id)));
    expect(draws.map((response) => response.status)).toEqual(shoppers.map(() => 201));
    const won = draws.filter((response) => response.body.couponId !== null);
    expect(won).toHaveLength(3);
    expect(draws.filter((response) => response.body.missReason === 'prize_not_issued')).toHaveLength(9);
    const [record] = await app.db.query<{ issued: number; coupons: number }>(
      `SELECT t.issued, (SELECT count(*)::int FROM coupons c WHERE c.template_id = t.id) AS coupons
       FROM coupon_templates t WHERE t.id = $1`,
      [template.id],
    );
    expect(record).toEqual({ issued: 3, coupons: 3 });
  });

  it('a cash prize ends as a succeeded transfer of its amount', async () => {
    const campaign = await createCampaign(app, merchant, {
      prizes: [{ name: '8.88 yuan', kind: 'cash', weight: 1, cashFen: 888 }],
    });
    const shopper = await loginShopper(app);
    const response = await draw(app, shopper, campaign.id);
    expect(response.status).toBe(201);
    expect(response.body.transferId).toEqual(expect.any(String));
    await settleEverything(app);
    const transfers = await app.http.get('/v1/me/transfers', { token: shopper.token });
    expect(transfers.body.items).toEqual([
      expect.objectContaining({ id: response.body.transferId, amountFen: 888, reason: 'prize', status: 'succeeded' }),
    ]);
    const atProvider = await app.db.query<{ amount_fen: string }>(
      'SELECT amount_fen FROM sandbox_transfers WHERE openid = $1',
      [shopper.openid],
    );
    expect(atProvider.map((row) => Number(row.amount_fen))).toEqual([888]);
  });

  it('a cash prize whose transfer the provider refuses is retried until it settles, as one succeeded transfer', async () => {
    const campaign = await createCampaign(app, merchant, {
      prizes: [{ name: '6.66 yuan', kind: 'cash', weight: 1, cashFen: 666 }],
    });
    const shopper = await loginShopper(app);
    const fault = await app.http.post('/v1/sandbox/faults', {
      token: TEST_ADMIN_TOKEN,
      body: { operation: 'transfer', code: 'SYSTEM_ERROR', times: 3 },
    });
    expect(fault.status).toBe(201);
    const transfersOf = async () => (await app.http.get('/v1/me/transfers', { token: shopper.token })).body.items;
    const atProvider = async () =>
      (
        await app.db.query<{ amount_fen: string }>('SELECT amount_fen FROM sandbox_transfers WHERE openid = $1', [
          shopper.openid,
        ])
      ).map((row) => Number(row.amount_fen));
    const submissions = async (transferId: string) =>
      app.db.query<{ status: string; attempts: number }>(
        `SELECT status, attempts FROM outbox_messages WHERE topic = 'transfer.requested' AND payload->>'transferId' = $1`,
        [transferId],
      );
    try {
      const response = await draw(app, shopper, campaign.id);
      expect(response.status).toBe(201);
      expect(response.body.prize.kind).toBe('cash');
      const transferId = response.body.transferId;
      expect(transferId).toEqual(expect.any(String));

      // The provider fails the first submission: nothing paid, the transfer still processing, a retry scheduled.
      await settleEverything(app, 1);
      expect(await atProvider()).toEqual([]);
      expect((await transfersOf()).map((t: any) => [t.id, t.amountFen, t.status])).toEqual([
        [transferId, 666, 'processing'],
      ]);
      expect(await submissions(transferId)).toEqual([{ status: 'pending', attempts: 1 }]);

      // Past the back-off the outbox tries again; the fault is spent after 3 failures and the 4th goes through.
      for (let round = 0; round < 5; round++) {
        app.clock.advance(10_000);
        await settleEverything(app, 1);
      }
      await settleEverything(app);

      expect(await submissions(transferId)).toEqual([{ status: 'delivered', attempts: 4 }]);
      expect(await transfersOf()).toEqual([
        expect.objectContaining({ id: transferId, amountFen: 666, reason: 'prize', status: 'succeeded' }),
      ]);
      expect(await atProvider()).toEqual([666]);
      const { draws } = await mine(app, shopper, campaign.id);
      expect(draws.map((d: any) => [d.drawId, d.transferId])).toEqual([[response.body.drawId, transferId]]);
    } finally {
      await app.http.request('DELETE', '/v1/sandbox/faults', { token: TEST_ADMIN_TOKEN });
    }
  });

  it('after the campaign ends the revealed seed reproduces every outcome from the public data', async () => {
    const campaign = await createCampaign(app, merchant, {
      endsAt: new Date(app.clock.now().getTime() + 10 * MINUTE).toISOString(),
      drawsPerUserPerDay: 5,
      prizes: [
        { name: 'Jackpot', kind: 'item', weight: 5, stock: 2 },
        { name: 'Mug', kind: 'item', weight: 20 },
        { name: 'Thanks', kind: 'none', weight: 75 },
      ],
    });
    const shoppers = await Promise.all(Array.from({ length: 6 }, () => loginShopper(app)));
    for (const shopper of shoppers) {
      await Promise.all(Array.from({ length: 5 }, () => draw(app, shopper, campaign.id)));
    }
    const before = (await app.http.get(`/v1/lucky-draws/${campaign.id}`, { token: shoppers[0].token })).body;
    expect(before.revealedSeed).toBeNull();
    app.clock.advance(11 * MINUTE);
    expectError(await draw(app, shoppers[0], campaign.id), 409, 'LUCKY_DRAW_NOT_ACTIVE');

    const published = (await app.http.get(`/v1/lucky-draws/${campaign.id}`, { token: shoppers[0].token })).body;
    expect(published.revealedSeed).toMatch(/^[0-9a-f]{64}$/);
    expect(createHash('sha256').update(Buffer.from(published.revealedSeed, 'hex')).digest('hex')).toBe(
      published.seedCommitment,
    );
    expect(published.prizes.map((p: any) => p.odds.probability)).toEqual([0.05, 0.2, 0.75]);
    const weights = published.prizes.map((p: any) => p.weight);
    let checked = 0;
    for (const shopper of shoppers) {
      for (const d of (await mine(app, shopper, campaign.id)).draws) {
        const { random, index } = recomputePick(published.revealedSeed, d.proof.drawId, weights);
        const picked = published.prizes[index];
        expect(d.proof.random).toBe(random);
        expect(d.pickedPrizeId).toBe(picked.id);
        if (d.prize.id === null) expect(picked.stock).not.toBeNull();
        else expect(d.prize.id).toBe(picked.id);
        checked++;
      }
    }
    expect(checked).toBe(30);
    const merchantView = (await app.http.get(`/v1/merchant/lucky-draws/${campaign.id}`, { token: merchant.apiKey }))
      .body;
    expect(merchantView.revealedSeed).toBe(published.revealedSeed);
  });
});
