import { TRANSFER_LIFECYCLE } from './transfer-lifecycle';

describe('transfer lifecycle', () => {
  it('settles a processing transfer once, either way, and never moves a settled one', () => {
    expect(TRANSFER_LIFECYCLE.initial).toEqual(['processing']);
    expect(TRANSFER_LIFECYCLE.statesLeadingTo('succeeded')).toEqual(['processing']);
    expect(TRANSFER_LIFECYCLE.statesLeadingTo('failed')).toEqual(['processing']);
    expect(TRANSFER_LIFECYCLE.canTransition('failed', 'succeeded')).toBe(false);
    expect(TRANSFER_LIFECYCLE.canTransition('succeeded', 'failed')).toBe(false);
    expect(TRANSFER_LIFECYCLE.isTerminal('succeeded')).toBe(true);
    expect(TRANSFER_LIFECYCLE.isTerminal('failed')).toBe(true);
    expect(TRANSFER_LIFECYCLE.liveStates).toEqual(['processing']);
  });
});
