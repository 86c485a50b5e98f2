import { canRoomTransition, isTerminalRoom, ROOM_STATUSES, roomStatesLeadingTo } from './room-status';

describe('room state machine', () => {
  it('allows exactly pending → open | cancelled and open → completed | failed', () => {
    const allowed = ROOM_STATUSES.flatMap((from) =>
      ROOM_STATUSES.filter((to) => canRoomTransition(from, to)).map((to) => `${from}→${to}`),
    );
    expect(allowed.sort()).toEqual(['open→completed', 'open→failed', 'pending→cancelled', 'pending→open']);
  });

  it('names the one state each move leaves, for the conditional UPDATE', () => {
    expect(roomStatesLeadingTo('open')).toEqual(['pending']);
    expect(roomStatesLeadingTo('cancelled')).toEqual(['pending']);
    expect(roomStatesLeadingTo('completed')).toEqual(['open']);
    expect(roomStatesLeadingTo('failed')).toEqual(['open']);
    expect(roomStatesLeadingTo('pending')).toEqual([]);
  });

  it('a completed, failed or cancelled room never moves again', () => {
    expect(ROOM_STATUSES.filter(isTerminalRoom)).toEqual(['completed', 'failed', 'cancelled']);
  });

  it('a failed room cannot be completed later, nor a completed one failed', () => {
    expect(canRoomTransition('failed', 'completed')).toBe(false);
    expect(canRoomTransition('completed', 'failed')).toBe(false);
    expect(canRoomTransition('cancelled', 'open')).toBe(false);
  });
});
