import type { FieldProblem } from '../../../platform/errors/domain-error';

export const GROUP_SIZE = { min: 2, max: 50 } as const;
export const COMPLETION_WINDOW_SECONDS = { min: 10, max: 604_800 } as const;
export const PAYMENT_WINDOW_SECONDS = { min: 10, max: 3600, default: 600 } as const;

export interface CampaignTerms {
  groupPriceFen: number;
  leaderPriceFen: number | null;
  startsAt: Date;
  endsAt: Date;
}

/** The rules between fields that field validation alone cannot see; empty when the campaign is sound. */
export function campaignProblems(terms: CampaignTerms, productPriceFen: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (terms.startsAt.getTime() >= terms.endsAt.getTime()) {
    problems.push({ field: 'endsAt', problems: ['endsAt must be after startsAt'] });
  }
  if (terms.groupPriceFen > productPriceFen) {
    problems.push({
      field: 'groupPriceFen',
      problems: [`groupPriceFen must not exceed the product's price (${productPriceFen} fen)`],
    });
  }
  if (terms.leaderPriceFen !== null && terms.leaderPriceFen > terms.groupPriceFen) {
    problems.push({ field: 'leaderPriceFen', problems: ['leaderPriceFen must not exceed groupPriceFen'] });
  }
  return problems;
}

export type CampaignPhase = 'upcoming' | 'active' | 'ended';

/** The campaign window is [startsAt, endsAt): rooms are opened and joined only inside it. */
export function campaignPhase(window: { startsAt: Date; endsAt: Date }, now: Date): CampaignPhase {
  if (now.getTime() < window.startsAt.getTime()) return 'upcoming';
  return now.getTime() < window.endsAt.getTime() ? 'active' : 'ended';
}

/** What the leader pays: the leader price when there is one, else the group price. */
export const leaderPrice = (terms: { groupPriceFen: number; leaderPriceFen: number | null }): number =>
  terms.leaderPriceFen ?? terms.groupPriceFen;
