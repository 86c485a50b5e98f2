import { TemplateDraft, templateProblems } from './template-rules';

const NOW = new Date('2026-11-21T10:00:00Z');
const valid: TemplateDraft = {
  type: 'percent_off',
  percentOff: 20,
  maxDiscountFen: 5000,
  totalQuantity: 100,
  perUserLimit: 2,
  claimStartsAt: new Date('2026-11-21T00:00:00Z'),
  claimEndsAt: new Date('2026-11-30T00:00:00Z'),
  validity: { type: 'absolute', startsAt: new Date('2026-11-21T00:00:00Z'), endsAt: new Date('2026-12-31T00:00:00Z') },
};

const fields = (draft: Partial<TemplateDraft>) => templateProblems({ ...valid, ...draft }, NOW).map((p) => p.field);

describe('template contradictions', () => {
  it('accepts a consistent template, absolute or relative', () => {
    expect(templateProblems(valid, NOW)).toEqual([]);
    expect(fields({ validity: { type: 'relative', days: 7 } })).toEqual([]);
    expect(fields({ type: 'amount_off', valueFen: 500, percentOff: undefined, maxDiscountFen: null })).toEqual([]);
  });

  it('a claim window that ends before it starts, or has already ended', () => {
    expect(fields({ claimEndsAt: valid.claimStartsAt })).toEqual(['claimEndsAt']);
    expect(
      fields({ claimStartsAt: new Date('2026-11-01T00:00:00Z'), claimEndsAt: new Date('2026-11-20T00:00:00Z') }),
    ).toEqual(['claimEndsAt']);
  });

  it('absolute validity ending before it starts, or before the claim window closes', () => {
    expect(
      fields({ validity: { type: 'absolute', startsAt: valid.claimEndsAt, endsAt: valid.claimStartsAt } }),
    ).toEqual(['validity.endsAt']);
    expect(
      fields({
        validity: { type: 'absolute', startsAt: valid.claimStartsAt, endsAt: new Date('2026-11-25T00:00:00Z') },
      }),
    ).toEqual(['validity.endsAt']);
  });

  it('validity fields of the other kind, or missing', () => {
    expect(fields({ validity: { type: 'relative' } })).toEqual(['validity.days']);
    expect(fields({ validity: { type: 'relative', days: 3, endsAt: valid.claimEndsAt } })).toEqual(['validity.endsAt']);
    expect(fields({ validity: { type: 'absolute', days: 3 } })).toEqual([
      'validity.days',
      'validity.startsAt',
      'validity.endsAt',
    ]);
  });

  it('valueFen on a percent coupon; percentOff or a cap on an amount coupon', () => {
    expect(fields({ valueFen: 500 })).toEqual(['valueFen']);
    expect(fields({ type: 'amount_off', valueFen: 500 })).toEqual(['percentOff', 'maxDiscountFen']);
    expect(fields({ type: 'amount_off', percentOff: undefined, maxDiscountFen: undefined })).toEqual(['valueFen']);
    expect(fields({ percentOff: null })).toEqual(['percentOff']);
  });

  it('a per-shopper limit above the whole stock', () => {
    expect(fields({ perUserLimit: 101 })).toEqual(['perUserLimit']);
  });
});
