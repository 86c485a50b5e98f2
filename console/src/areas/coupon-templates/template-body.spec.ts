import { templateBody, type TemplateValues } from './template-body';

const base: TemplateValues = {
  name: '满100减20',
  type: 'amount_off',
  valueFen: 2000,
  percentOff: 15,
  maxDiscountFen: 500,
  distribution: 'public',
  totalQuantity: 100,
  claimStartsAt: '2026-12-06T00:00:00.000Z',
  claimEndsAt: '2026-12-07T00:00:00.000Z',
  validity: { type: 'relative', days: 7, startsAt: '2026-12-06T00:00:00.000Z' },
  allProducts: true,
  productIds: ['p1'],
};

describe('templateBody', () => {
  it('sends the other type’s fields as null, defaults, and no validity field of the other kind', () => {
    expect(templateBody(base)).toEqual({
      name: '满100减20',
      type: 'amount_off',
      valueFen: 2000,
      percentOff: null,
      maxDiscountFen: null,
      minSpendFen: 0,
      distribution: 'public',
      totalQuantity: 100,
      perUserLimit: 1,
      claimStartsAt: base.claimStartsAt,
      claimEndsAt: base.claimEndsAt,
      validity: { type: 'relative', days: 7 },
      productIds: null,
    });
  });

  it('keeps a percent coupon’s cap (null when empty), fixed dates and the chosen products', () => {
    const body = templateBody({
      ...base,
      type: 'percent_off',
      maxDiscountFen: undefined,
      validity: { type: 'absolute', startsAt: base.claimStartsAt, endsAt: '2026-12-31T00:00:00.000Z', days: 3 },
      allProducts: false,
    });
    expect(body).toMatchObject({
      valueFen: null,
      percentOff: 15,
      maxDiscountFen: null,
      validity: { type: 'absolute', startsAt: base.claimStartsAt, endsAt: '2026-12-31T00:00:00.000Z' },
      productIds: ['p1'],
    });
  });
});
