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
