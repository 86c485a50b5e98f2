import { randomBytes, randomUUID } from 'node:crypto';
import { oddsOf, pickIndex, totalWeight } from './draw-odds';
import { drawRandom, ticketFrom } from './fair-random';

// Critical value of chi-square at p = 0.001 for 4 degrees of freedom: a fair pick fails 1 run in 1,000.
const CHI_SQUARE_4_DOF_P001 = 18.467;

describe('weighted pick', () => {
  it('matches the weights over 100,000 picks (chi-square)', () => {
    const weights = [1, 9, 30, 60, 900];
    const seed = randomBytes(32);
    const total = totalWeight(weights);
    const counts = weights.map(() => 0);
    const picks = 100_000;
    for (let i = 0; i < picks; i++) counts[pickIndex(weights, ticketFrom(drawRandom(seed, randomUUID()), total))]++;
    const chiSquare = weights.reduce((sum, weight, i) => {
      const expected = (picks * weight) / total;
      return sum + (counts[i] - expected) ** 2 / expected;
    }, 0);
    expect(chiSquare).toBeLessThan(CHI_SQUARE_4_DOF_P001);
  });

  it('picks by cumulative weight', () => {
    expect([0, 1, 2, 3, 4, 5].map((ticket) => pickIndex([1, 2, 3], ticket))).toEqual([0, 1, 1, 2, 2, 2]);
    expect(() => pickIndex([1, 2, 3], 6)).toThrow(RangeError);
  });

  it('publishes odds as weight / total', () => {
    expect(oddsOf([3, 7])).toEqual([
      { weight: 3, totalWeight: 10, probability: 0.3 },
      { weight: 7, totalWeight: 10, probability: 0.7 },
    ]);
  });
});
