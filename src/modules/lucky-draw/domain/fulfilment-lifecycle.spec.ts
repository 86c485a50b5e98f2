import { FULFILMENT_LIFECYCLE } from './fulfilment-lifecycle';

describe('lucky draw fulfilment lifecycle', () => {
  it('ships a pending item once; a shipped one never goes back', () => {
    expect(FULFILMENT_LIFECYCLE.initial).toEqual(['pending']);
    expect(FULFILMENT_LIFECYCLE.statesLeadingTo('shipped')).toEqual(['pending']);
    expect(FULFILMENT_LIFECYCLE.statesLeadingTo('pending')).toEqual([]);
    expect(FULFILMENT_LIFECYCLE.canTransition('shipped', 'pending')).toBe(false);
    expect(FULFILMENT_LIFECYCLE.isTerminal('shipped')).toBe(true);
    expect(FULFILMENT_LIFECYCLE.liveStates).toEqual(['pending']);
  });
});
