import fc from 'fast-check';
import { saleStats } from './sale-stats';

describe('merchant stats', () => {
  it('derive remaining from the rows when the gate does not know', () => {
    expect(saleStats({ totalStock: 50, confirmedUnits: 30, paidUnits: 20, gateRemaining: null })).toEqual({
      totalStock: 50,
      reserved: 30,
      paid: 20,
      remaining: 0,
    });
  });

  it("count the gate's queued reservations as reserved", () => {
    // Redis says 10 left; Postgres has only written 25 of the 40 held so far.
    expect(saleStats({ totalStock: 50, confirmedUnits: 25, paidUnits: 0, gateRemaining: 10 })).toEqual({
      totalStock: 50,
      reserved: 40,
      paid: 0,
      remaining: 10,
    });
  });

  it('always add up to the stock and are never negative, whatever the stores say in passing', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: -5, max: 2_000_000 }),
        fc.integer({ min: -5, max: 2_000_000 }),
        fc.option(fc.integer({ min: -100, max: 2_000_000 })),
        (totalStock, confirmedUnits, paidUnits, gateRemaining) => {
          const stats = saleStats({ totalStock, confirmedUnits, paidUnits, gateRemaining });
          expect(stats.reserved + stats.paid + stats.remaining).toBe(totalStock);
          expect(Math.min(stats.reserved, stats.paid, stats.remaining)).toBeGreaterThanOrEqual(0);
          expect(stats.totalStock).toBe(totalStock);
        },
      ),
    );
  });
});
