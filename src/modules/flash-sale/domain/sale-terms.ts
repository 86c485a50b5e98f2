import type { FieldProblem } from '../../../platform/errors/domain-error';
import { MAX_FEN } from '../../../platform/money/money';

export const MAX_TOTAL_STOCK = 1_000_000;
export const MIN_PAYMENT_WINDOW_SECONDS = 10;
export const MAX_PAYMENT_WINDOW_SECONDS = 3600;
export const DEFAULT_PAYMENT_WINDOW_SECONDS = 600;
export const DEFAULT_PER_USER_LIMIT = 1;
/** A sale lasts at most this long (its gate keys are kept a day past its end). */
export const MAX_SALE_DAYS = 90;

/**
 * The largest order total: orders/domain/pricing.ts (priceOrder) refuses a subtotal above the largest money amount.
 * A sale whose price × perUserLimit exceeds it would accept purchases whose orders can never be written.
 */
export const MAX_ORDER_FEN = MAX_FEN;

export interface SaleTerms {
  priceFen: number;
  totalStock: number;
  perUserLimit: number;
  startsAt: Date;
  endsAt: Date;
}

/**
 * The rules between fields that the DTO's per-field checks cannot see. `now` is null for an edit that keeps an end
 * already past: only an end that is set must lie ahead.
 */
export function saleTermProblems(terms: SaleTerms, now: Date | null): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (terms.perUserLimit > terms.totalStock) {
    problems.push({ field: 'perUserLimit', problems: ['must not exceed totalStock'] });
  }
  if (terms.priceFen * terms.perUserLimit > MAX_ORDER_FEN) {
    const problem = `priceFen × perUserLimit must not exceed the order maximum (${MAX_ORDER_FEN} fen)`;
    problems.push({ field: 'priceFen', problems: [problem] }, { field: 'perUserLimit', problems: [problem] });
  }
  if (terms.endsAt.getTime() <= terms.startsAt.getTime()) {
    problems.push({ field: 'endsAt', problems: ['must be after startsAt'] });
  } else if (terms.endsAt.getTime() - terms.startsAt.getTime() > MAX_SALE_DAYS * 86_400_000) {
    problems.push({ field: 'endsAt', problems: [`a sale lasts at most ${MAX_SALE_DAYS} days`] });
  }
  if (now !== null && terms.endsAt.getTime() <= now.getTime()) {
    problems.push({ field: 'endsAt', problems: ['must be in the future'] });
  }
  return problems;
}
