import fc from 'fast-check';
import { pickIndex, settlePick } from './draw-odds';

describe('a miss replaces only an out-of-stock pick', () => {
  it('never turns a pick into another prize: in stock it is the pick, out of stock it is a miss of the pick', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ weight: fc.integer({ min: 1, max: 1_000_000 }), left: fc.option(fc.nat(3), { nil: null }) }),
          {
            minLength: 1,
            maxLength: 50,
          },
        ),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (prizes, fraction) => {
          const weights = prizes.map((prize) => prize.weight);
          const total = weights.reduce((a, b) => a + b, 0);
          const index = pickIndex(weights, Math.floor(fraction * total));
          const inStock = prizes[index].left === null || prizes[index].left > 0;
          const outcome = settlePick(prizes, index, inStock);
          expect(outcome.index).toBe(index);
          if (inStock) expect(outcome).toEqual({ kind: 'won', prize: prizes[index], index });
          else expect(outcome).toEqual({ kind: 'miss', picked: prizes[index], index });
        },
      ),
    );
  });

  it('the pick does not depend on stock: emptying other prizes never changes which index a ticket picks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 1, maxLength: 20 }),
        fc.nat(),
        (weights, seed) => {
          const total = weights.reduce((a, b) => a + b, 0);
          const ticket = seed % total;
          const index = pickIndex(weights, ticket);
          const stockOut = weights.map((_, i) => i !== index);
          expect(settlePick(weights, index, !stockOut[index]).index).toBe(index);
        },
      ),
    );
  });
});
