/** The limits of a card product (API.md "Gift cards"). */
export const PRODUCT_TERMS = {
  validityDays: { min: 1, max: 1825 },
  perOrderLimit: { min: 1, max: 100, default: 10 },
} as const;

/** A product's price may not pass its face value (a card sold at a premium); a problem to report, or null. */
export const priceProblem = (terms: { faceValueFen: number; priceFen: number }): string | null =>
  terms.priceFen > terms.faceValueFen ? 'priceFen must not be more than faceValueFen' : null;

const DAY_MS = 24 * 60 * 60 * 1000;

/** When a card issued at `issuedAt` stops being spendable. */
export const validUntil = (issuedAt: Date, validityDays: number): Date =>
  new Date(issuedAt.getTime() + validityDays * DAY_MS);
