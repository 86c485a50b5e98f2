import { validationFailed } from '../errors/domain-error';

/** Money is an integer number of fen. These helpers keep it that way. */
/** The largest amount any money field accepts: 100 million yuan. */
export const MAX_FEN = 10_000_000_000;

export function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= MAX_FEN;
}

export function assertFen(value: number, what = 'amount'): number {
  if (!isFen(value)) throw new RangeError(`${what} must be an integer number of fen in [0, ${MAX_FEN}], got ${value}`);
  return value;
}

/** `percent`% of `amountFen`, rounded down to the fen: the shopper-favourable-to-merchant rule used everywhere. */
export function percentOfFen(amountFen: number, percent: number): number {
  assertFen(amountFen);
  if (!Number.isInteger(percent) || percent < 0 || percent > 100)
    throw new RangeError(`percent must be 0-100, got ${percent}`);
  return Math.floor((amountFen * percent) / 100);
}

export function sumFen(amounts: readonly number[]): number {
  return amounts.reduce((total, amount) => total + assertFen(amount), 0);
}

export function minFen(...amounts: number[]): number {
  return Math.min(...amounts.map((amount) => assertFen(amount)));
}

/** A line of a basket or order: a quantity at a unit price. */
export interface PricedQuantity {
  quantity: number;
  unitPriceFen: number;
}

/**
 * What the lines cost together, refused as the caller's input (400 on `items`) when it passes MAX_FEN: each price
 * is within range, but enough of them, or a large enough quantity, add up to more than any order may total.
 */
export function basketFen(lines: readonly PricedQuantity[]): number {
  // Exact: at most 50 lines of 9,999 units at MAX_FEN each stay below 2^53.
  const total = lines.reduce((sum, line) => sum + assertFen(line.unitPriceFen) * line.quantity, 0);
  if (!isFen(total)) {
    throw validationFailed([
      { field: 'items', problems: [`must not total more than ${MAX_FEN} fen, the most one order may`] },
    ]);
  }
  return total;
}
