import { DomainError } from '../errors/domain-error';
import { assertStartedPatch } from './campaign-patch';

const current = {
  name: 'Old',
  endsAt: '2026-01-01T10:00:00.000Z',
  totalQuantity: 100,
  groupSize: 3,
  validity: { type: 'relative', days: 30 },
};
const policy = { end: 'endsAt', stock: ['totalQuantity'] };

function lockedBy(patch: Record<string, unknown>): string[] {
  try {
    assertStartedPatch(patch, current, policy);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('CAMPAIGN_LOCKED');
    return ((error as DomainError).details as { fields: string[] }).fields;
  }
}

describe('assertStartedPatch', () => {
  it('lets the name, a later end and more stock change', () => {
    expect(lockedBy({ name: 'New', endsAt: '2026-01-01T11:00:00Z', totalQuantity: 150 })).toEqual([]);
  });

  it('refuses an earlier end, less stock and any other field', () => {
    expect(lockedBy({ endsAt: '2026-01-01T09:00:00Z', totalQuantity: 99, groupSize: 4 })).toEqual([
      'endsAt',
      'totalQuantity',
      'groupSize',
    ]);
  });

  it('takes a field repeated at its current value (an instant written another way too) as no change', () => {
    expect(
      lockedBy({ endsAt: '2026-01-01T18:00:00+08:00', groupSize: 3, validity: { days: 30, type: 'relative' } }),
    ).toEqual([]);
    expect(lockedBy({ validity: { type: 'relative', days: 31 } })).toEqual(['validity']);
  });
});
