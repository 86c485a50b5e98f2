import { MAX_ORDER_FEN, saleTermProblems } from './sale-terms';

describe('flash sale terms', () => {
  const now = new Date('2026-11-11T00:00:00Z');
  const terms = {
    priceFen: 990,
    totalStock: 100,
    perUserLimit: 1,
    startsAt: new Date('2026-11-11T02:00:00Z'),
    endsAt: new Date('2026-11-11T03:00:00Z'),
  };
  const fields = (overrides: Partial<typeof terms>) =>
    saleTermProblems({ ...terms, ...overrides }, now).map((p) => p.field);

  it('accept a window in the future, or one already open', () => {
    expect(fields({})).toEqual([]);
    expect(fields({ startsAt: new Date('2026-11-10T23:00:00Z') })).toEqual([]);
  });

  it('refuse an end not after the start, an end already past, a window over 90 days', () => {
    expect(fields({ endsAt: terms.startsAt })).toEqual(['endsAt']);
    expect(fields({ startsAt: new Date('2026-11-10T00:00:00Z'), endsAt: new Date('2026-11-10T23:59:59Z') })).toEqual([
      'endsAt',
    ]);
    expect(fields({ endsAt: new Date('2027-03-01T00:00:00Z') })).toEqual(['endsAt']);
  });

  it('keep an end already past when an edit does not set it (no clock given)', () => {
    const past = { startsAt: new Date('2026-11-10T00:00:00Z'), endsAt: new Date('2026-11-10T23:59:59Z') };
    expect(saleTermProblems({ ...terms, ...past }, null)).toEqual([]);
    expect(saleTermProblems({ ...terms, ...past, endsAt: past.startsAt }, null).map((p) => p.field)).toEqual([
      'endsAt',
    ]);
  });

  it('refuse a per-shopper limit above the stock', () => {
    expect(fields({ perUserLimit: 101 })).toEqual(['perUserLimit']);
    expect(fields({ perUserLimit: 100 })).toEqual([]);
  });

  it('refuse a price × per-shopper limit above the order maximum, naming both fields', () => {
    expect(fields({ priceFen: 6_000_000_000, perUserLimit: 2 })).toEqual(['priceFen', 'perUserLimit']);
    expect(fields({ priceFen: MAX_ORDER_FEN / 2, perUserLimit: 2 })).toEqual([]);
    expect(fields({ priceFen: MAX_ORDER_FEN, perUserLimit: 1 })).toEqual([]);
  });
});
