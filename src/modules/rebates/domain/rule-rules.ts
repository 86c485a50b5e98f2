import type { FieldProblem } from '../../../platform/errors/domain-error';
import { REBATE_MAX_FEN, REBATE_MIN_FEN, RebateKind } from './rebate-amount';

export interface RuleDraft {
  kind: RebateKind;
  valueFen?: number | null;
  percent?: number | null;
  maxRebateFen?: number | null;
  startsAt: Date;
  endsAt: Date;
}

const present = (value: unknown): boolean => value !== undefined && value !== null;

/** Contradictions a rebate rule may not carry, each naming its field; empty when it makes sense. Pure. */
export function ruleProblems(draft: RuleDraft, now: Date): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const refuse = (field: string, problem: string) => problems.push({ field, problems: [problem] });
  const transferable = `must be ${REBATE_MIN_FEN}-${REBATE_MAX_FEN} fen (the transfer limits)`;
  if (draft.kind === 'fixed') {
    if (!present(draft.valueFen)) refuse('valueFen', 'a fixed rebate needs valueFen');
    else if (draft.valueFen! < REBATE_MIN_FEN || draft.valueFen! > REBATE_MAX_FEN) refuse('valueFen', transferable);
    if (present(draft.percent)) refuse('percent', 'percent belongs to percent rebates');
    if (present(draft.maxRebateFen)) refuse('maxRebateFen', 'maxRebateFen caps percent rebates only');
  } else {
    if (!present(draft.percent)) refuse('percent', 'a percent rebate needs percent (1-100)');
    if (present(draft.valueFen)) refuse('valueFen', 'valueFen belongs to fixed rebates');
    if (present(draft.maxRebateFen) && (draft.maxRebateFen! < REBATE_MIN_FEN || draft.maxRebateFen! > REBATE_MAX_FEN)) {
      refuse('maxRebateFen', transferable);
    }
  }
  if (draft.endsAt <= draft.startsAt) refuse('endsAt', 'must be after startsAt');
  else if (draft.endsAt <= now) refuse('endsAt', 'must be in the future');
  return problems;
}
