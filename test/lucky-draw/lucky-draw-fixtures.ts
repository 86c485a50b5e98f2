import { createHash, createHmac } from 'node:crypto';
import { TestMerchant, TestShopper } from '../support/fixtures';
import { TestApp } from '../support/test-app';

export { MODES } from '../coupons/coupon-fixtures';

export const MINUTE = 60_000;
export const DAY = 24 * 60 * MINUTE;

export const at = (app: TestApp, offsetMs: number): string =>
  new Date(app.clock.now().getTime() + offsetMs).toISOString();

/** A campaign body: open now for two days, one draw a day, a 30% item and a 70% miss, unless overridden. */
export function campaignBody(app: TestApp, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Test draw',
    startsAt: at(app, -MINUTE),
    endsAt: at(app, 2 * DAY),
    prizes: [
      { name: 'Tea cup', kind: 'item', weight: 3 },
      { name: 'Thanks', kind: 'none', weight: 7 },
    ],
    ...overrides,
  };
}

export async function createCampaign(
  app: TestApp,
  merchant: TestMerchant,
  overrides: Record<string, unknown> = {},
): Promise<any> {
  const response = await app.http.post('/v1/merchant/lucky-draws', {
    token: merchant.apiKey,
    body: campaignBody(app, overrides),
  });
  if (response.status !== 201) throw new Error(`creating a lucky draw: ${response.status} ${response.text}`);
  return response.body;
}

export async function createPrizeTemplate(app: TestApp, merchant: TestMerchant, totalQuantity = 10_000): Promise<any> {
  const response = await app.http.post('/v1/merchant/coupon-templates', {
    token: merchant.apiKey,
    body: {
      name: 'Prize coupon',
      type: 'amount_off',
      valueFen: 500,
      distribution: 'prize',
      totalQuantity,
      perUserLimit: Math.min(100, totalQuantity),
      claimStartsAt: at(app, -MINUTE),
      claimEndsAt: at(app, 7 * DAY),
      validity: { type: 'relative', days: 30 },
    },
  });
  if (response.status !== 201) throw new Error(`creating a template: ${response.status} ${response.text}`);
  return response.body;
}

export const draw = (app: TestApp, shopper: TestShopper, campaignId: string, idempotencyKey?: string) =>
  app.http.post(`/v1/lucky-draws/${campaignId}/draws`, { token: shopper.token, idempotencyKey });

export const share = (app: TestApp, shopper: TestShopper, campaignId: string) =>
  app.http.post(`/v1/lucky-draws/${campaignId}/shares`, { token: shopper.token });

export const mine = async (app: TestApp, shopper: TestShopper, campaignId: string) =>
  (await app.http.get(`/v1/lucky-draws/${campaignId}/me`, { token: shopper.token })).body;

/** Runs `work` over `items`, at most `concurrency` at a time. */
export async function inBatches<T, R>(items: T[], concurrency: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

/**
 * docs/lucky-draw.md's procedure, written again from the document alone (not the service's code): the index of
 * the prize a draw picked, from the revealed seed, the draw id and the published weights in order.
 */
export function recomputePick(seedHex: string, drawId: string, weights: number[]): { random: string; index: number } {
  const random = createHmac('sha256', Buffer.from(seedHex, 'hex')).update(drawId, 'utf8').digest();
  const total = BigInt(weights.reduce((a, b) => a + b, 0));
  const limit = (1n << 64n) - ((1n << 64n) % total);
  let block = random;
  let ticket: bigint | null = null;
  while (ticket === null) {
    for (let offset = 0; offset < 32 && ticket === null; offset += 8) {
      const value = block.readBigUInt64BE(offset);
      if (value < limit) ticket = value % total;
    }
    block = createHash('sha256').update(block).digest();
  }
  let cumulative = 0n;
  const index = weights.findIndex((weight) => ticket! < (cumulative += BigInt(weight)));
  return { random: random.toString('hex'), index };
}
