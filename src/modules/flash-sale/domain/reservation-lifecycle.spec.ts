import { RESERVATION_LIFECYCLE } from './reservation-lifecycle';

describe('RESERVATION_LIFECYCLE', () => {
  it('moves a confirmed reservation once, to paid or to released', () => {
    expect(RESERVATION_LIFECYCLE.statesLeadingTo('paid')).toEqual(['confirmed']);
    expect(RESERVATION_LIFECYCLE.statesLeadingTo('released')).toEqual(['confirmed']);
    expect(RESERVATION_LIFECYCLE.statesLeadingTo('confirmed')).toEqual([]);
  });

  it('never releases a paid reservation nor revives a released one', () => {
    expect(RESERVATION_LIFECYCLE.canTransition('paid', 'released')).toBe(false);
    expect(RESERVATION_LIFECYCLE.canTransition('released', 'confirmed')).toBe(false);
    expect(RESERVATION_LIFECYCLE.isTerminal('paid')).toBe(true);
    expect(RESERVATION_LIFECYCLE.isTerminal('released')).toBe(true);
    expect(RESERVATION_LIFECYCLE.liveStates).toEqual(['confirmed']);
  });

  it('releases by order with one conditional UPDATE from confirmed', () => {
    const { sql, params } = RESERVATION_LIFECYCLE.moveStatement({
      to: 'released',
      where: { id: 'r', order_id: 'r' },
      set: { released_at: 't' },
    });
    expect(sql).toBe(
      'UPDATE flash_reservations SET status = $1, released_at = $2 WHERE status = ANY($3) AND id = $4 AND order_id = $5 RETURNING id',
    );
    expect(params).toEqual(['released', 't', ['confirmed'], 'r', 'r']);
  });
});
