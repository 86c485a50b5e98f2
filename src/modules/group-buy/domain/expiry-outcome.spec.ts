import { ExpiringRoom, expiryOutcome } from './expiry-outcome';

const deadline = new Date('2026-01-01T12:00:00Z');
const after = new Date(deadline.getTime() + 1);
const open: ExpiringRoom = { status: 'open', groupSize: 3, seatsPaid: 2, expiresAt: deadline, pendingUntil: deadline };

describe('what a deadline does to a room', () => {
  it('nothing until the deadline has passed (payments are accepted up to and at it)', () => {
    expect(expiryOutcome(open, false, deadline)).toBeNull();
    expect(expiryOutcome({ ...open, status: 'pending', expiresAt: null }, false, deadline)).toBeNull();
  });

  it('an unfilled open room fails', () => {
    expect(expiryOutcome(open, false, after)).toEqual({ to: 'failed' });
  });

  it('with virtualCompletion it completes as it stands, the missing seats virtual', () => {
    expect(expiryOutcome(open, true, after)).toEqual({ to: 'completed', virtualSeats: 1 });
    expect(expiryOutcome({ ...open, seatsPaid: 1 }, true, after)).toEqual({ to: 'completed', virtualSeats: 2 });
  });

  it('a room with no paid seat left fails even with virtualCompletion', () => {
    expect(expiryOutcome({ ...open, seatsPaid: 0 }, true, after)).toEqual({ to: 'failed' });
  });

  it('a pending room whose leader never paid is cancelled', () => {
    expect(expiryOutcome({ ...open, status: 'pending', expiresAt: null }, true, after)).toEqual({ to: 'cancelled' });
  });

  it('closed rooms stay as they are', () => {
    for (const status of ['completed', 'failed', 'cancelled'] as const) {
      expect(expiryOutcome({ ...open, status }, false, after)).toBeNull();
    }
  });
});
