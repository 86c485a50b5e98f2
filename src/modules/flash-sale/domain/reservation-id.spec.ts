import { newReservationId, orderIdFor, parseReservationId, publicReservationId } from './reservation-id';
import { timeOrderedUuid } from '../../../platform/ids/time-ordered-uuid';

describe('reservation ids', () => {
  const saleId = '0f8b3a52-6c1e-4d3a-9a55-1b2c3d4e5f60';

  it('carry their sale and their row, and nothing else parses', () => {
    const id = newReservationId(saleId);
    expect(id).toMatch(/^[0-9a-f]{64}$/);
    const parsed = parseReservationId(id)!;
    expect(parsed.saleId).toBe(saleId);
    expect(parsed.rowId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(publicReservationId(saleId, parsed.rowId)).toBe(id);
    for (const bad of [undefined, 42, '', 'nope', id.toUpperCase(), `${id}0`, id.slice(1)]) {
      expect(parseReservationId(bad)).toBeNull();
    }
  });

  it('keep their rows in time order (the btrees they key append)', () => {
    const ids = [1_700_000_000_000, 1_700_000_000_001, 1_800_000_000_000].map((ms) => timeOrderedUuid(ms));
    expect([...ids].sort()).toEqual(ids);
    expect(ids[0].slice(0, 13)).toBe('018bcfe5-6800');
  });

  it('are new every time, and their order is their row', () => {
    const ids = new Set(Array.from({ length: 1000 }, () => newReservationId(saleId)));
    expect(ids.size).toBe(1000);
    const rowId = parseReservationId([...ids][0])!.rowId;
    expect(orderIdFor(rowId)).toBe(rowId);
  });
});
