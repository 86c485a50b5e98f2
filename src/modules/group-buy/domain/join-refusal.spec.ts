import { fillsRoom, joinRefusal, RoomSeats } from './join-rules';

const now = new Date('2026-01-01T12:00:00Z');
const later = new Date(now.getTime() + 60_000);
const open: RoomSeats = { status: 'open', expiresAt: later, seatsTaken: 2, groupSize: 3 };
const newcomer = { alreadyMember: false, reclaimableSeats: 0 };

describe('who may take a seat', () => {
  it('a newcomer takes a free seat of an open room', () => {
    expect(joinRefusal(open, newcomer, now)).toBeNull();
  });

  it('a pending room (leader has not paid) is not open', () => {
    expect(joinRefusal({ ...open, status: 'pending', expiresAt: null }, newcomer, now)).toBe('GROUP_ROOM_NOT_OPEN');
  });

  it('a room at or past its deadline is not open, even before the expiry job has run', () => {
    expect(joinRefusal({ ...open, expiresAt: now }, newcomer, now)).toBe('GROUP_ROOM_NOT_OPEN');
    expect(joinRefusal({ ...open, expiresAt: new Date(now.getTime() - 1) }, newcomer, now)).toBe('GROUP_ROOM_NOT_OPEN');
  });

  it('closed rooms are not open', () => {
    for (const status of ['completed', 'failed', 'cancelled'] as const) {
      expect(joinRefusal({ ...open, status }, newcomer, now)).toBe('GROUP_ROOM_NOT_OPEN');
    }
  });

  it('a shopper already holding or paid in the room is a member already, even when it is full', () => {
    expect(joinRefusal({ ...open, seatsTaken: 3 }, { ...newcomer, alreadyMember: true }, now)).toBe(
      'GROUP_ALREADY_MEMBER',
    );
  });

  it('held seats count toward capacity: a room whose seats are all held is full', () => {
    expect(joinRefusal({ ...open, seatsTaken: 3 }, newcomer, now)).toBe('GROUP_ROOM_FULL');
  });

  it('a held seat whose order is past its deadline can be taken over', () => {
    expect(joinRefusal({ ...open, seatsTaken: 3 }, { ...newcomer, reclaimableSeats: 1 }, now)).toBeNull();
  });

  it('paid seats reaching the group size complete the room', () => {
    expect(fillsRoom(2, 3)).toBe(false);
    expect(fillsRoom(3, 3)).toBe(true);
  });
});
