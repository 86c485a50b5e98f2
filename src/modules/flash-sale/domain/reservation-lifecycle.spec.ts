import { reservationLifecycle } from './reservation-lifecycle';

describe('reservationLifecycle', () => {
  it('moves a confirmed reservation once, to paid or to released', () => {
    expect(reservationLifecycle.statesLeadingTo('paid')).toEqual(['confirmed']);
    expect(reservationLifecycle.statesLeadingTo('released')).toEqual(['confirmed']);
    expect(reservationLifecycle.statesLeadingTo('confirmed')).toEqual([]);
  });

  it('never releases a paid reservation nor revives a released one', () => {
    expect(reservationLifecycle.canTransition('paid', 'released')).toBe(false);
    expect(reservationLifecycle.canTransition('released', 'confirmed')).toBe(false);
    expect(reservationLifecycle.isTerminal('paid')).toBe(true);
    expect(reservationLifecycle.isTerminal('released')).toBe(true);
    expect(reservationLifecycle.liveStates).toEqual(['confirmed']);
  });

  it('releases by order with one conditional UPDATE from confirmed', () => {
    const { sql, params } = reservationLifecycle.moveStatement({
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
