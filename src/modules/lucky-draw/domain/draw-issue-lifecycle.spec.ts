import { DRAW_ISSUE_LIFECYCLE } from './draw-issue-lifecycle';

describe('lucky draw issue lifecycle', () => {
  it('records a new draw as issued or owing nothing, never as a promise to keep later', () => {
    expect(DRAW_ISSUE_LIFECYCLE.initial).toEqual(['none', 'issued']);
    expect(DRAW_ISSUE_LIFECYCLE.isTerminal('none')).toBe(true);
    expect(DRAW_ISSUE_LIFECYCLE.isTerminal('issued')).toBe(true);
  });

  it('settles an older pending draw once, either way', () => {
    expect(DRAW_ISSUE_LIFECYCLE.statesLeadingTo('issued')).toEqual(['pending']);
    expect(DRAW_ISSUE_LIFECYCLE.statesLeadingTo('failed')).toEqual(['pending']);
    expect(DRAW_ISSUE_LIFECYCLE.canTransition('failed', 'issued')).toBe(false);
    expect(DRAW_ISSUE_LIFECYCLE.canTransition('none', 'issued')).toBe(false);
    expect(DRAW_ISSUE_LIFECYCLE.liveStates).toEqual(['pending']);
  });
});
