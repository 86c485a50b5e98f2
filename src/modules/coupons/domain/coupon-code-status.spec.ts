import { COUPON_CODE_LIFECYCLE } from './coupon-code-status';

describe('coupon code states', () => {
  it('a code is made unused and redeemed once; a redeemed code never returns', () => {
    expect(COUPON_CODE_LIFECYCLE.initial).toEqual(['unused']);
    expect(COUPON_CODE_LIFECYCLE.statesLeadingTo('redeemed')).toEqual(['unused']);
    expect(COUPON_CODE_LIFECYCLE.canTransition('redeemed', 'redeemed')).toBe(false);
    expect(COUPON_CODE_LIFECYCLE.canTransition('redeemed', 'unused')).toBe(false);
    expect(COUPON_CODE_LIFECYCLE.isTerminal('redeemed')).toBe(true);
  });
});
