import { COUPON_LIFECYCLE, readStatus, statusOnRelease } from './coupon-status';

describe('coupon states', () => {
  const until = new Date('2026-12-01T00:00:00Z');
  const before = new Date(until.getTime() - 1);

  it('an available coupon reads expired from validUntil on, without any job', () => {
    expect(readStatus('available', until, before)).toBe('available');
    expect(readStatus('available', until, until)).toBe('expired');
  });

  it('locked and used read as stored, whatever the time', () => {
    expect(readStatus('locked', until, new Date('2027-01-01'))).toBe('locked');
    expect(readStatus('used', until, new Date('2027-01-01'))).toBe('used');
  });

  it('only an available coupon can be locked; only a locked one used, given back or expired', () => {
    expect(COUPON_LIFECYCLE.statesLeadingTo('locked')).toEqual(['available']);
    expect(COUPON_LIFECYCLE.statesLeadingTo('used')).toEqual(['locked']);
    expect(COUPON_LIFECYCLE.statesLeadingTo('available')).toEqual(['locked']);
    expect(COUPON_LIFECYCLE.canTransition('used', 'available')).toBe(false);
    expect(COUPON_LIFECYCLE.canTransition('expired', 'locked')).toBe(false);
  });

  it('a released coupon is available again, or expired past its validity', () => {
    expect(statusOnRelease(until, before)).toBe('available');
    expect(statusOnRelease(until, until)).toBe('expired');
  });
});
