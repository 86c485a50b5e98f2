import { canMemberTransition, MEMBER_STATUSES, memberStatesLeadingTo, SEATED_STATUSES } from './member-status';

describe('member seat state machine', () => {
  it('allows only the moves payment events can cause', () => {
    const allowed = MEMBER_STATUSES.flatMap((from) =>
      MEMBER_STATUSES.filter((to) => canMemberTransition(from, to)).map((to) => `${from}→${to}`),
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
    expect(canMemberTransition('paid', 'released')).toBe(false);
    expect(memberStatesLeadingTo('paid')).toEqual(['holding']);
    expect(memberStatesLeadingTo('released')).toEqual(['holding']);
    expect(memberStatesLeadingTo('refunded')).toEqual(['holding', 'paid', 'released']);
  });

  it('held and paid seats are the ones that occupy the room', () => {
    expect(SEATED_STATUSES).toEqual(['holding', 'paid']);
  });
});
