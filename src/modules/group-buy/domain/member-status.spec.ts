import { MEMBER_LIFECYCLE, SEATED_STATUSES } from './member-status';

describe('member seat state machine', () => {
  it('allows only the moves payment events can cause', () => {
    const allowed = MEMBER_LIFECYCLE.states.flatMap((from) =>
      MEMBER_LIFECYCLE.states.filter((to) => MEMBER_LIFECYCLE.canTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual([
      'holding→paid',
      'holding→refunded',
      'holding→released',
      'paid→refunded',
      'released→refunded',
    ]);
  });

  it('a paid seat is never released (only a refund frees it) and a refunded one never moves', () => {
    expect(MEMBER_LIFECYCLE.canTransition('paid', 'released')).toBe(false);
    expect(MEMBER_LIFECYCLE.statesLeadingTo('paid')).toEqual(['holding']);
    expect(MEMBER_LIFECYCLE.statesLeadingTo('released')).toEqual(['holding']);
    expect(MEMBER_LIFECYCLE.statesLeadingTo('refunded')).toEqual(['holding', 'paid', 'released']);
  });

  it('held and paid seats are the ones that occupy the room', () => {
    expect(SEATED_STATUSES).toEqual(['holding', 'paid']);
  });
});
