import { acceptsJoinsAt, isPast, leaderOrderDeadline, memberOrderDeadline, roomDeadline } from './deadlines';

const now = new Date('2026-01-01T12:00:00Z');

describe('deadlines', () => {
  it("the leader's order is payable for the payment window", () => {
    expect(leaderOrderDeadline(now, 600).toISOString()).toBe('2026-01-01T12:10:00.000Z');
  });

  it("a member's order never outlives the room", () => {
    const roomEnds = new Date('2026-01-01T12:05:00Z');
    expect(memberOrderDeadline(now, 600, roomEnds)).toEqual(roomEnds);
    expect(memberOrderDeadline(now, 60, roomEnds).toISOString()).toBe('2026-01-01T12:01:00.000Z');
  });

  it('an open room expires the completion window after the leader paid', () => {
    expect(roomDeadline(now, 86_400).toISOString()).toBe('2026-01-02T12:00:00.000Z');
  });

  it('joins stop at the deadline; the deadline has passed only after it', () => {
    expect(acceptsJoinsAt(now, new Date(now.getTime() - 1))).toBe(true);
    expect(acceptsJoinsAt(now, now)).toBe(false);
    expect(isPast(now, now)).toBe(false);
    expect(isPast(now, new Date(now.getTime() + 1))).toBe(true);
  });
});
