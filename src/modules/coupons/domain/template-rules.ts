import type { FieldProblem } from '../../../platform/errors/domain-error';
import { CouponType } from './coupon-terms';
import { Validity } from './validity';

/** A template as the merchant sent it, fields typed and in range (the DTO saw to that), not yet consistent. */
export interface TemplateDraft {
  type: CouponType;
  valueFen?: number | null;
  percentOff?: number | null;
  maxDiscountFen?: number | null;
  totalQuantity: number;
  perUserLimit: number;
  claimStartsAt: Date;
  claimEndsAt: Date;
  validity: { type: 'absolute' | 'relative'; startsAt?: Date; endsAt?: Date; days?: number };
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * Contradictions a template may not carry, each naming its field. Empty when the template makes sense.
 * Pure: `now` is passed in.
 */
export function templateProblems(draft: TemplateDraft, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const refuse = (field: string, problem: string) => problems.push({ field, problems: [problem] });

  if (draft.type === 'amount_off') {
    if (!present(draft.valueFen)) refuse('valueFen', 'an amount_off coupon needs valueFen');
    if (present(draft.percentOff)) refuse('percentOff', 'percentOff belongs to percent_off coupons');
    if (present(draft.maxDiscountFen)) refuse('maxDiscountFen', 'maxDiscountFen caps percent_off coupons only');
  } else {
    if (!present(draft.percentOff)) refuse('percentOff', 'a percent_off coupon needs percentOff (1-99)');
    if (present(draft.valueFen)) refuse('valueFen', 'valueFen belongs to amount_off coupons');
  }

  if (draft.perUserLimit > draft.totalQuantity) refuse('perUserLimit', 'must not exceed totalQuantity');

  if (draft.claimEndsAt <= draft.claimStartsAt) refuse('claimEndsAt', 'must be after claimStartsAt');
  else if (draft.claimEndsAt <= now) refuse('claimEndsAt', 'must be in the future');

  const validity = draft.validity;
  if (validity.type === 'absolute') {
    if (present(validity.days)) refuse('validity.days', 'days belongs to relative validity');
    if (!validity.startsAt) refuse('validity.startsAt', 'absolute validity needs startsAt');
    if (!validity.endsAt) refuse('validity.endsAt', 'absolute validity needs endsAt');
    if (validity.startsAt && validity.endsAt) {
      if (validity.endsAt <= validity.startsAt) refuse('validity.endsAt', 'must be after validity.startsAt');
      // A coupon claimed at the last moment of the window must still be usable.
      else if (validity.endsAt < draft.claimEndsAt) refuse('validity.endsAt', 'must not be before claimEndsAt');
    }
  } else {
    if (!present(validity.days)) refuse('validity.days', 'relative validity needs days (1-3650)');
    if (validity.startsAt) refuse('validity.startsAt', 'startsAt belongs to absolute validity');
    if (validity.endsAt) refuse('validity.endsAt', 'endsAt belongs to absolute validity');
  }
  return problems;
}

/** The validity of a draft that passed `templateProblems`. */
export function draftValidity(draft: TemplateDraft): Validity {
  const validity = draft.validity;
  return validity.type === 'absolute'
    ? { type: 'absolute', startsAt: validity.startsAt!, endsAt: validity.endsAt! }
    : { type: 'relative', days: validity.days! };
}
