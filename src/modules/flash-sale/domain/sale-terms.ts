import type { FieldProblem } from '../../../platform/errors/domain-error';

export const MAX_TOTAL_STOCK = 1_000_000;
export const MIN_PAYMENT_WINDOW_SECONDS = 10;
export const MAX_PAYMENT_WINDOW_SECONDS = 3600;
export const DEFAULT_PAYMENT_WINDOW_SECONDS = 600;
export const DEFAULT_PER_USER_LIMIT = 1;
/** A sale lasts at most this long (its gate keys are kept a day past its end). */
export const MAX_SALE_DAYS = 90;

export interface SaleTerms {
  totalStock: number;
  perUserLimit: number;
  startsAt: Date;
  endsAt: Date;
}

/** The rules between fields that the DTO's per-field checks cannot see. */
export function saleTermProblems(terms: SaleTerms, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (terms.perUserLimit > terms.totalStock) {
    problems.push({ field: 'perUserLimit', problems: ['must not exceed totalStock'] });
  }
  if (terms.endsAt.getTime() <= terms.startsAt.getTime()) {
    problems.push({ field: 'endsAt', problems: ['must be after startsAt'] });
  } else if (terms.endsAt.getTime() - terms.startsAt.getTime() > MAX_SALE_DAYS * 86_400_000) {
    problems.push({ field: 'endsAt', problems: [`a sale lasts at most ${MAX_SALE_DAYS} days`] });
  }
  if (terms.endsAt.getTime() <= now.getTime()) {
    problems.push({ field: 'endsAt', problems: ['must be in the future'] });
  }
  return problems;
}
