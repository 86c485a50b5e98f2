import { evaluateCoupon } from './coupon-rule';
import { Basket, CouponTerms } from './coupon-terms';

const coupon: CouponTerms = {
  merchantId: 'tea-shop',
  type: 'amount_off',
  valueFen: 2000,
  percentOff: null,
  maxDiscountFen: null,
  minSpendFen: 10_000,
  productIds: ['oolong', 'puer'],
  validFrom: new Date('2026-11-01T00:00:00Z'),
  validUntil: new Date('2026-12-01T00:00:00Z'),
};

const basket = (overrides: Partial<Basket> = {}): Basket => ({
  merchantId: 'tea-shop',
  lines: [
    { productId: 'oolong', quantity: 2, unitPriceFen: 4000 },
    { productId: 'puer', quantity: 1, unitPriceFen: 3000 },
    { productId: 'teapot', quantity: 1, unitPriceFen: 50_000 },
  ],
  now: new Date('2026-11-21T10:00:00Z'),
  ...overrides,
});

describe('why a coupon does not apply', () => {
  it('applies: 11,000 fen of scoped tea clears the 10,000 minimum, 2,000 off', () => {
    expect(evaluateCoupon(coupon, basket())).toEqual({ applicable: true, discountFen: 2000 });
  });

  it('OTHER_MERCHANT: the basket is another shop', () => {
    expect(evaluateCoupon(coupon, basket({ merchantId: 'cake-shop' }))).toEqual({
      applicable: false,
      reason: 'OTHER_MERCHANT',
    });
  });

  it('NOT_YET_VALID before validFrom, EXPIRED from validUntil on', () => {
    expect(evaluateCoupon(coupon, basket({ now: new Date('2026-10-31T23:59:59Z') }))).toMatchObject({
      reason: 'NOT_YET_VALID',
    });
    expect(evaluateCoupon(coupon, basket({ now: coupon.validUntil }))).toMatchObject({ reason: 'EXPIRED' });
    expect(evaluateCoupon(coupon, basket({ now: new Date(coupon.validUntil.getTime() - 1) }))).toMatchObject({
      applicable: true,
    });
  });

  it('PRODUCT_NOT_ELIGIBLE: nothing in the basket is in scope', () => {
    expect(
      evaluateCoupon(coupon, basket({ lines: [{ productId: 'teapot', quantity: 1, unitPriceFen: 50_000 }] })),
    ).toEqual({ applicable: false, reason: 'PRODUCT_NOT_ELIGIBLE' });
  });

  it('BELOW_MIN_SPEND counts only the scoped lines: a 50,000 fen teapot does not lift 7,000 fen of tea', () => {
    expect(
      evaluateCoupon(
        coupon,
        basket({
          lines: [
            { productId: 'oolong', quantity: 1, unitPriceFen: 4000 },
            { productId: 'puer', quantity: 1, unitPriceFen: 3000 },
            { productId: 'teapot', quantity: 1, unitPriceFen: 50_000 },
          ],
        }),
      ),
    ).toEqual({ applicable: false, reason: 'BELOW_MIN_SPEND' });
  });

  it('a coupon for every product counts the whole basket', () => {
    expect(evaluateCoupon({ ...coupon, productIds: null, minSpendFen: 60_000 }, basket())).toEqual({
      applicable: true,
      discountFen: 2000,
    });
  });
});
