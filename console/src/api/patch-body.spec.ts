import { patchBody } from './patch-body';

describe('patchBody', () => {
  it('keeps only what changed', () => {
    const current = { name: 'A', endsAt: '2026-01-01T00:00:00.000Z', stock: 5, productIds: ['p1'], cap: null };
    expect(patchBody({ ...current }, current)).toEqual({});
    expect(patchBody({ ...current, name: 'B', productIds: ['p1', 'p2'] }, current)).toEqual({
      name: 'B',
      productIds: ['p1', 'p2'],
    });
  });

  it('sends a cleared field as null, and treats absent and null alike', () => {
    expect(patchBody({ cap: null }, { cap: 500 })).toEqual({ cap: null });
    expect(patchBody({ cap: undefined }, { cap: null })).toEqual({});
  });

  it('compares nested entries by value', () => {
    const prizes = [{ name: 'Tea', weight: 1, stock: 3 }];
    expect(patchBody({ prizes: [{ name: 'Tea', weight: 1, stock: 3 }] }, { prizes })).toEqual({});
    expect(patchBody({ prizes: [{ name: 'Tea', weight: 1, stock: 4 }] }, { prizes })).toEqual({
      prizes: [{ name: 'Tea', weight: 1, stock: 4 }],
    });
  });
});
