import { REBATE_LIFECYCLE } from './rebate-lifecycle';

describe('rebate lifecycle', () => {
  it('moves only pending rebates to paid or cancelled, once; repricing stays pending', () => {
    expect(REBATE_LIFECYCLE.initial).toEqual(['pending']);
    expect(REBATE_LIFECYCLE.statesLeadingTo('paid')).toEqual(['pending']);
    expect(REBATE_LIFECYCLE.statesLeadingTo('cancelled')).toEqual(['pending']);
    expect(REBATE_LIFECYCLE.statesLeadingTo('pending')).toEqual(['pending']);
    expect(REBATE_LIFECYCLE.canTransition('cancelled', 'paid')).toBe(false);
    expect(REBATE_LIFECYCLE.canTransition('paid', 'cancelled')).toBe(false);
    expect(REBATE_LIFECYCLE.canTransition('paid', 'pending')).toBe(false);
    expect(REBATE_LIFECYCLE.isTerminal('cancelled')).toBe(true);
  });

  it('claws back only what was paid, and again on a further refund; never pays or cancels it after', () => {
    expect(REBATE_LIFECYCLE.statesLeadingTo('clawed_back')).toEqual(['paid', 'clawed_back']);
    expect(REBATE_LIFECYCLE.canTransition('pending', 'clawed_back')).toBe(false);
    expect(REBATE_LIFECYCLE.canTransition('cancelled', 'clawed_back')).toBe(false);
    expect(REBATE_LIFECYCLE.canTransition('clawed_back', 'paid')).toBe(false);
    expect(REBATE_LIFECYCLE.canTransition('clawed_back', 'cancelled')).toBe(false);
    expect(REBATE_LIFECYCLE.canTransition('clawed_back', 'pending')).toBe(false);
    expect(REBATE_LIFECYCLE.isTerminal('clawed_back')).toBe(true);
    expect(REBATE_LIFECYCLE.isTerminal('paid')).toBe(false);
  });

  it('a refund may still reach pending and paid rebates (reprice or claw back)', () => {
    expect(REBATE_LIFECYCLE.liveStates).toEqual(['pending', 'paid']);
  });
});
