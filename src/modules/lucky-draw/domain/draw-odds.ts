/** The advertised chance of one prize: weight / Σ weights, exactly as a fraction, and as a probability. */
export interface Odds {
  weight: number;
  totalWeight: number;
  probability: number;
}

export function totalWeight(weights: readonly number[]): number {
  if (weights.length === 0) throw new RangeError('a draw needs at least one prize');
  return weights.reduce((sum, weight) => {
    if (!Number.isSafeInteger(weight) || weight < 1) throw new RangeError(`weights are positive integers`);
    return sum + weight;
  }, 0);
}

export function oddsOf(weights: readonly number[]): Odds[] {
  const total = totalWeight(weights);
  return weights.map((weight) => ({ weight, totalWeight: total, probability: weight / total }));
}

/**
 * The prize a ticket in [0, Σ weights) picks: the first index whose cumulative weight exceeds the ticket, over
 * all prizes in their published order, whatever their stock.
 */
export function pickIndex(weights: readonly number[], ticket: number): number {
  const total = totalWeight(weights);
  if (!Number.isInteger(ticket) || ticket < 0 || ticket >= total) throw new RangeError(`ticket outside [0, ${total})`);
  let cumulative = 0;
  for (let index = 0; index < weights.length; index++) {
    cumulative += weights[index];
    if (ticket < cumulative) return index;
  }
  throw new Error('unreachable: ticket below the total weight');
}

export type DrawOutcome<Prize> =
  { kind: 'won'; prize: Prize; index: number } | { kind: 'miss'; picked: Prize; index: number };

/**
 * What a pick gives once stock is known: the picked prize, or a miss when it is limited and none is left.
 * Stock never changes which prize is picked, so the advertised odds never shift toward the others.
 */
export function settlePick<Prize>(prizes: readonly Prize[], index: number, inStock: boolean): DrawOutcome<Prize> {
  const prize = prizes[index];
  if (prize === undefined) throw new RangeError(`no prize at ${index}`);
  return inStock ? { kind: 'won', prize, index } : { kind: 'miss', picked: prize, index };
}
