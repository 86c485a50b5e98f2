import { transferLifecycle } from './transfer-lifecycle';

describe('transfer lifecycle', () => {
  it('settles a processing transfer once, either way, and never moves a settled one', () => {
    expect(transferLifecycle.initial).toEqual(['processing']);
    expect(transferLifecycle.statesLeadingTo('succeeded')).toEqual(['processing']);
    expect(transferLifecycle.statesLeadingTo('failed')).toEqual(['processing']);
    expect(transferLifecycle.canTransition('failed', 'succeeded')).toBe(false);
    expect(transferLifecycle.canTransition('succeeded', 'failed')).toBe(false);
    expect(transferLifecycle.isTerminal('succeeded')).toBe(true);
    expect(transferLifecycle.isTerminal('failed')).toBe(true);
    expect(transferLifecycle.liveStates).toEqual(['processing']);
  });
});
