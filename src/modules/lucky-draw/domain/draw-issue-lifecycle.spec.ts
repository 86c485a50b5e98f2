import { drawIssueLifecycle } from './draw-issue-lifecycle';

describe('lucky draw issue lifecycle', () => {
  it('records a new draw as issued or owing nothing, never as a promise to keep later', () => {
    expect(drawIssueLifecycle.initial).toEqual(['none', 'issued']);
    expect(drawIssueLifecycle.isTerminal('none')).toBe(true);
    expect(drawIssueLifecycle.isTerminal('issued')).toBe(true);
  });

  it('settles an older pending draw once, either way', () => {
    expect(drawIssueLifecycle.statesLeadingTo('issued')).toEqual(['pending']);
    expect(drawIssueLifecycle.statesLeadingTo('failed')).toEqual(['pending']);
    expect(drawIssueLifecycle.canTransition('failed', 'issued')).toBe(false);
    expect(drawIssueLifecycle.canTransition('none', 'issued')).toBe(false);
    expect(drawIssueLifecycle.liveStates).toEqual(['pending']);
  });
});
