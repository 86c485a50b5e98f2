import { rankOptions } from './best-coupon';

describe('choosing the best coupon', () => {
  const option = (couponId: string, discountFen: number, validUntil: string) => ({
    couponId,
    discountFen,
    validUntil: new Date(validUntil),
  });

  it('the largest discount first; on a tie the one that runs out first', () => {
    const ranked = rankOptions([
      option('a', 500, '2026-12-31'),
      option('b', 800, '2026-12-31'),
      option('c', 800, '2026-12-05'),
      option('d', 100, '2026-11-30'),
    ]);
    expect(ranked.map((o) => o.couponId)).toEqual(['c', 'b', 'a', 'd']);
  });

  it('equal in both: by id, so the answer is stable', () => {
    const ranked = rankOptions([option('z', 500, '2026-12-31'), option('k', 500, '2026-12-31')]);
    expect(ranked.map((o) => o.couponId)).toEqual(['k', 'z']);
  });
});
