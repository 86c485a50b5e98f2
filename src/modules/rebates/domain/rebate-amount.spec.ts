import fc from 'fast-check';
import { eligiblePaidFen, PaidOrder, rebateFen, RebateTerms } from './rebate-amount';

const order = (overrides: Partial<PaidOrder> = {}): PaidOrder => ({
  lines: [{ productId: 'p1', quantity: 1, unitPriceFen: 10_000 }],
  subtotalFen: 10_000,
  totalFen: 10_000,
  giftCardFen: 0,
  refundedFen: 0,
  ...overrides,
});
const percent = (overrides: Partial<RebateTerms> = {}): RebateTerms => ({
  productIds: null,
  minOrderFen: 0,
  kind: 'percent',
  valueFen: null,
  percent: 10,
  maxRebateFen: 800,
  ...overrides,
});

describe('rebate amount', () => {
  it('10% capped at 800 on a 10,000 order is 800 (10% would be 1,000)', () => {
    expect(rebateFen(percent(), order())).toBe(800);
  });

  it('10% uncapped rounds down', () => {
    expect(
      rebateFen(
        percent({ maxRebateFen: null }),
        order({ lines: [{ productId: 'p1', quantity: 1, unitPriceFen: 9_999 }], totalFen: 9_999, subtotalFen: 9_999 }),
      ),
    ).toBe(999);
  });

  it('an order below the minimum earns nothing', () => {
    expect(rebateFen(percent({ minOrderFen: 20_000 }), order())).toBe(0);
  });

  it('a fixed rebate is its value, never more than what was paid', () => {
    expect(rebateFen(percent({ kind: 'fixed', valueFen: 500, percent: null, maxRebateFen: null }), order())).toBe(500);
    const small = order({
      lines: [{ productId: 'p1', quantity: 1, unitPriceFen: 300 }],
      subtotalFen: 300,
      totalFen: 300,
    });
    expect(rebateFen(percent({ kind: 'fixed', valueFen: 500, percent: null, maxRebateFen: null }), small)).toBe(300);
  });

  it('a full refund leaves nothing; a partial refund recomputes on what is left', () => {
    expect(rebateFen(percent(), order({ refundedFen: 10_000 }))).toBe(0);
    expect(rebateFen(percent(), order({ refundedFen: 4_000 }))).toBe(600);
  });

  it('what gift cards paid counts as paid (their purchase earned none)', () => {
    expect(eligiblePaidFen({ productIds: null }, order({ totalFen: 3_000, giftCardFen: 5_000 }))).toBe(8_000);
    expect(eligiblePaidFen({ productIds: null }, order({ totalFen: 0, giftCardFen: 10_000, refundedFen: 4_000 }))).toBe(
      6_000,
    );
  });

  it('only lines in scope count, at the share of the list price that was paid', () => {
    const mixed = order({
      lines: [
        { productId: 'p1', quantity: 2, unitPriceFen: 3_000 },
        { productId: 'p2', quantity: 1, unitPriceFen: 4_000 },
      ],
      subtotalFen: 10_000,
      totalFen: 9_000, // a 1,000 coupon
    });
    expect(eligiblePaidFen({ productIds: ['p1'] }, mixed)).toBe(5_400);
    expect(rebateFen(percent({ productIds: ['p1'], maxRebateFen: null }), mixed)).toBe(540);
    expect(rebateFen(percent({ productIds: ['p3'] }), mixed)).toBe(0);
  });

  it('amounts under the transfer minimum are no rebate; the transfer maximum caps', () => {
    expect(
      rebateFen(
        percent({ percent: 1, maxRebateFen: null }),
        order({ totalFen: 900, subtotalFen: 900, lines: [{ productId: 'p1', quantity: 1, unitPriceFen: 900 }] }),
      ),
    ).toBe(0);
    expect(
      rebateFen(
        percent({ percent: 100, maxRebateFen: null }),
        order({
          totalFen: 1_000_000,
          subtotalFen: 1_000_000,
          lines: [{ productId: 'p1', quantity: 1, unitPriceFen: 1_000_000 }],
        }),
      ),
    ).toBe(20_000);
  });

  it('is never negative, never above the cap or what is kept, and never grows with refunds', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.integer({ min: 10, max: 20_000 }), { nil: null }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (paid, refundPercent, pct, cap, minOrderFen) => {
          const terms = percent({ percent: pct, maxRebateFen: cap, minOrderFen });
          const base = order({
            lines: [{ productId: 'p1', quantity: 1, unitPriceFen: paid }],
            subtotalFen: paid,
            totalFen: paid,
          });
          const refunded = { ...base, refundedFen: Math.floor((paid * refundPercent) / 100) };
          const before = rebateFen(terms, base);
          const after = rebateFen(terms, refunded);
          expect(after).toBeGreaterThanOrEqual(0);
          expect(after).toBeLessThanOrEqual(before);
          expect(after).toBeLessThanOrEqual(cap ?? 20_000);
          expect(after).toBeLessThanOrEqual(paid - refunded.refundedFen);
        },
      ),
    );
  });
});
