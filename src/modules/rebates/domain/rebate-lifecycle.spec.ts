import { rebateLifecycle } from './rebate-lifecycle';

describe('rebate lifecycle', () => {
  it('moves only pending rebates: repriced, paid or cancelled, once', () => {
    expect(rebateLifecycle.initial).toEqual(['pending']);
    expect(rebateLifecycle.statesLeadingTo('paid')).toEqual(['pending']);
    expect(rebateLifecycle.statesLeadingTo('cancelled')).toEqual(['pending']);
    expect(rebateLifecycle.statesLeadingTo('pending')).toEqual(['pending']);
    expect(rebateLifecycle.canTransition('cancelled', 'paid')).toBe(false);
    expect(rebateLifecycle.canTransition('paid', 'cancelled')).toBe(false);
    expect(rebateLifecycle.isTerminal('paid')).toBe(true);
    expect(rebateLifecycle.isTerminal('cancelled')).toBe(true);
    expect(rebateLifecycle.liveStates).toEqual(['pending']);
  });
});
