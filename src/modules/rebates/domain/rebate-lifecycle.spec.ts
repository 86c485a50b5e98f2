import { REBATE_LIFECYCLE } from './rebate-lifecycle';

describe('rebate lifecycle', () => {
  it('moves only pending rebates: repriced, paid or cancelled, once', () => {
    expect(REBATE_LIFECYCLE.initial).toEqual(['pending']);
    expect(REBATE_LIFECYCLE.statesLeadingTo('paid')).toEqual(['pending']);
    expect(REBATE_LIFECYCLE.statesLeadingTo('cancelled')).toEqual(['pending']);
    expect(REBATE_LIFECYCLE.statesLeadingTo('pending')).toEqual(['pending']);
    expect(REBATE_LIFECYCLE.canTransition('cancelled', 'paid')).toBe(false);
    expect(REBATE_LIFECYCLE.canTransition('paid', 'cancelled')).toBe(false);
    expect(REBATE_LIFECYCLE.isTerminal('paid')).toBe(true);
    expect(REBATE_LIFECYCLE.isTerminal('cancelled')).toBe(true);
    expect(REBATE_LIFECYCLE.liveStates).toEqual(['pending']);
  });
});
