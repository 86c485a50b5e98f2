import type { FieldProblem } from '../../../platform/errors/domain-error';
import { isTimeZone } from './draw-day';

export const PRIZE_KINDS = ['coupon', 'cash', 'item', 'none'] as const;
export type PrizeKind = (typeof PRIZE_KINDS)[number];

/** The transfer API's limits for one cash payment (WECHATPAY.md §6): 0.1 to 200 yuan. */
export const CASH_PRIZE_MIN_FEN = 10;
export const CASH_PRIZE_MAX_FEN = 20_000;

export interface PrizeDraft {
  name: string;
  kind: PrizeKind;
  weight: number;
  stock?: number | null;
  couponTemplateId?: string | null;
  cashFen?: number | null;
}

export interface CampaignDraft {
  startsAt: Date;
  endsAt: Date;
  timezone: string;
  prizes: PrizeDraft[];
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

/** Contradictions a campaign may not carry, each naming its field; empty when it makes sense. Pure. */
export function campaignProblems(draft: CampaignDraft, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const refuse = (field: string, problem: string) => problems.push({ field, problems: [problem] });

  if (draft.endsAt <= draft.startsAt) refuse('endsAt', 'must be after startsAt');
  else if (draft.endsAt <= now) refuse('endsAt', 'must be in the future');
  if (!isTimeZone(draft.timezone)) refuse('timezone', 'must be an IANA time zone, e.g. Asia/Shanghai');
  if (draft.prizes.length === 0) refuse('prizes', 'a draw needs at least one prize');

  draft.prizes.forEach((prize, index) => {
    const field = (name: string) => `prizes[${index}].${name}`;
    if (prize.kind === 'coupon') {
      if (!present(prize.couponTemplateId)) refuse(field('couponTemplateId'), 'a coupon prize names its template');
    } else if (present(prize.couponTemplateId)) {
      refuse(field('couponTemplateId'), 'couponTemplateId belongs to coupon prizes');
    }
    if (prize.kind === 'cash') {
      if (!present(prize.cashFen)) refuse(field('cashFen'), 'a cash prize needs cashFen');
      else if (prize.cashFen! < CASH_PRIZE_MIN_FEN || prize.cashFen! > CASH_PRIZE_MAX_FEN) {
        refuse(field('cashFen'), `must be ${CASH_PRIZE_MIN_FEN}-${CASH_PRIZE_MAX_FEN} fen (the transfer limits)`);
      }
    } else if (present(prize.cashFen)) {
      refuse(field('cashFen'), 'cashFen belongs to cash prizes');
    }
    if (prize.kind === 'none' && present(prize.stock)) refuse(field('stock'), 'a miss has no stock');
  });
  return problems;
}
