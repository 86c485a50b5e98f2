import { ROOM_LIFECYCLE } from './room-status';

describe('room state machine', () => {
  it('allows exactly pending → open | cancelled and open → completed | failed', () => {
    const allowed = ROOM_LIFECYCLE.states.flatMap((from) =>
      ROOM_LIFECYCLE.states.filter((to) => ROOM_LIFECYCLE.canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(['open→completed', 'open→failed', 'pending→cancelled', 'pending→open']);
  });

  it('names the one state each move leaves, for the conditional UPDATE', () => {
    expect(ROOM_LIFECYCLE.statesLeadingTo('open')).toEqual(['pending']);
    expect(ROOM_LIFECYCLE.statesLeadingTo('cancelled')).toEqual(['pending']);
    expect(ROOM_LIFECYCLE.statesLeadingTo('completed')).toEqual(['open']);
    expect(ROOM_LIFECYCLE.statesLeadingTo('failed')).toEqual(['open']);
    expect(ROOM_LIFECYCLE.statesLeadingTo('pending')).toEqual([]);
  });

  it('a completed, failed or cancelled room never moves again', () => {
    expect(ROOM_LIFECYCLE.states.filter((s) => ROOM_LIFECYCLE.isTerminal(s))).toEqual([
      'completed',
      'failed',
      'cancelled',
    ]);
  });

  it('a failed room cannot be completed later, nor a completed one failed', () => {
    expect(ROOM_LIFECYCLE.canTransition('failed', 'completed')).toBe(false);
    expect(ROOM_LIFECYCLE.canTransition('completed', 'failed')).toBe(false);
    expect(ROOM_LIFECYCLE.canTransition('cancelled', 'open')).toBe(false);
  });
});
