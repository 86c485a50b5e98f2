import { campaignStatus, closesAt } from './campaign-status';

const t = (minutes: number) => new Date(Date.UTC(2026, 0, 1, 0, minutes));

describe('campaignStatus', () => {
  const window = { startsAt: t(10), endsAt: t(20), endedAt: null };

  it('is scheduled before the start, active in [start, end), ended from the end', () => {
    expect([t(9), t(10), t(19), t(20), t(30)].map((now) => campaignStatus(window, now))).toEqual([
      'scheduled',
      'active',
      'active',
      'ended',
      'ended',
    ]);
  });

  it('is ended once ended early, even before the start', () => {
    expect(campaignStatus({ ...window, endedAt: t(12) }, t(13))).toBe('ended');
    expect(campaignStatus({ ...window, endedAt: t(5) }, t(6))).toBe('ended');
  });

  it('closes at the early end when there is one before the end', () => {
    expect(closesAt(window)).toEqual(t(20));
    expect(closesAt({ ...window, endedAt: t(12) })).toEqual(t(12));
    expect(closesAt({ ...window, endedAt: t(25) })).toEqual(t(20));
  });
});
