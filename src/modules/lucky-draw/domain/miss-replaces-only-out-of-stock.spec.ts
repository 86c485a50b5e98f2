import fc from 'fast-check';
import { DrawOutcome, pickIndex, settlePick, totalWeight } from './draw-odds';
import { pickPrize } from './draw-pick';
import { ticketFrom } from './fair-random';

interface Prize {
  id: number;
  weight: number;
  stock: number | null;
}

/**
 * The ChanceStore's stock contract, in memory: a limited prize gives a unit while `awarded < stock` and counts it;
 * an unlimited one is always in stock. (The real adapters are SQL and Lua; the contract suite runs them.)
 */
function stockLedger(prizes: readonly Prize[]): (picked: Prize) => boolean {
  const awarded = prizes.map(() => 0);
  return (picked) => {
    if (picked.stock === null) return true;
    if (awarded[picked.id] >= picked.stock) return false;
    awarded[picked.id]++;
    return true;
  };
}

/** What DrawsService.draw does with the counters: pick over all prizes, take a unit if limited, settle. */
function drawSequence(prizes: readonly Prize[], randoms: readonly Buffer[]): DrawOutcome<Prize>[] {
  const takeUnit = stockLedger(prizes);
  return randoms.map((random) => {
    const { index, picked } = pickPrize(prizes, random);
    return settlePick(prizes, index, takeUnit(picked));
  });
}

const prizesArb = fc
  .array(
    fc.record({
      weight: fc.integer({ min: 1, max: 1_000_000 }),
      stock: fc.option(fc.nat(4), { nil: null, freq: 3 }),
    }),
    { minLength: 1, maxLength: 6 },
  )
  .map((prizes) => prizes.map((prize, id): Prize => ({ id, ...prize })));

const randomArb = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((bytes) => Buffer.from(bytes));

describe('a miss replaces only an out-of-stock pick', () => {
  it('over random weights, stock and draw sequences: stock holds, odds never shift, misses only when empty', () => {
    let missesSeen = 0;
    let limitedWinsSeen = 0;
    fc.assert(
      fc.property(prizesArb, fc.array(randomArb, { minLength: 1, maxLength: 40 }), (prizes, randoms) => {
        const outcomes = drawSequence(prizes, randoms);

        // The same draws with every prize unlimited: the picks an honest draw makes whatever the stock.
        const unlimited = prizes.map((prize) => ({ ...prize, stock: null }));
        const weights = prizes.map((prize) => prize.weight);
        const unlimitedPicks = randoms.map((random) => pickPrize(unlimited, random).index);
        // ...and the same picks by the primitive functions, so pickPrize itself cannot drift from the published procedure.
        expect(unlimitedPicks).toEqual(
          randoms.map((random) => pickIndex(weights, ticketFrom(random, totalWeight(weights)))),
        );

        const wins = prizes.map(() => 0);
        const picks = prizes.map(() => 0);
        outcomes.forEach((outcome, draw) => {
          // Odds never shift: the picked index is the one the unlimited run picks.
          expect(outcome.index).toBe(unlimitedPicks[draw]);
          const prize = prizes[outcome.index];
          picks[prize.id]++;
          const leftBefore = prize.stock === null ? Infinity : prize.stock - wins[prize.id];
          if (outcome.kind === 'won') {
            // Never another prize than the picked one, and never beyond its stock.
            expect(outcome.prize).toBe(prize);
            expect(leftBefore).toBeGreaterThan(0);
            wins[prize.id]++;
            if (prize.stock !== null) limitedWinsSeen++;
          } else {
            // A miss only for a limited prize with nothing left.
            expect(outcome.picked).toBe(prize);
            expect(prize.stock).not.toBeNull();
            expect(leftBefore).toBe(0);
            missesSeen++;
          }
        });

        prizes.forEach((prize) => {
          // Awarded never exceeds stock, and an in-stock pick is never turned into a miss: a limited prize is
          // won exactly min(stock, times picked), an unlimited one every time it is picked.
          expect(wins[prize.id]).toBe(prize.stock === null ? picks[prize.id] : Math.min(prize.stock, picks[prize.id]));
        });
      }),
      { numRuns: 500 },
    );
    // The runs really exercised both branches (a property that never sees a miss proves nothing about misses).
    expect(missesSeen).toBeGreaterThan(0);
    expect(limitedWinsSeen).toBeGreaterThan(0);
  });

  it('an emptied prize misses while the others keep their wins and every pick stays where it was', () => {
    const prizes: Prize[] = [
      { id: 0, weight: 1, stock: 1 },
      { id: 1, weight: 1, stock: null },
    ];
    // Tickets over Σ weights = 2: the first 8 bytes, big-endian, mod 2 (far below the rejection limit).
    const ticket = (value: number) => Buffer.concat([Buffer.alloc(7), Buffer.from([value]), Buffer.alloc(24)]);
    const outcomes = drawSequence(prizes, [ticket(0), ticket(0), ticket(1), ticket(0)]);
    expect(outcomes.map((outcome) => [outcome.kind, outcome.index])).toEqual([
      ['won', 0],
      ['miss', 0],
      ['won', 1],
      ['miss', 0],
    ]);
  });
});
