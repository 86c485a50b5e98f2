import { campaignLock } from './campaign-lock';

const EDITABLE = ['name', 'endsAt', 'totalStock'];
const values = { name: 'Noon sale', priceFen: 990, endsAt: '2026-12-08T00:00:00.000Z', totalStock: 50 };

describe('campaignLock', () => {
  it('locks nothing before the start (or while the campaign is not loaded: a new one)', () => {
    for (const campaign of [{ status: 'scheduled' as const }, undefined]) {
      const lock = campaignLock(campaign, EDITABLE);
      expect(lock.started).toBe(false);
      expect(lock.isLocked('priceFen')).toBe(false);
      expect(lock.bodyOf(values)).toEqual(values);
    }
  });

  it.each(['active', 'ended'] as const)('once %s, locks all but the name, the end and the stock', (status) => {
    const lock = campaignLock({ status }, EDITABLE);
    expect(lock.started).toBe(true);
    expect(lock.isLocked('priceFen')).toBe(true);
    expect(EDITABLE.map(lock.isLocked)).toEqual([false, false, false]);
    expect(lock.bodyOf(values)).toEqual({ name: 'Noon sale', endsAt: values.endsAt, totalStock: 50 });
  });
});
