import { RebateDebt } from './rebate-debt.entity';
import { RebateRule } from './rebate-rule.entity';
import { Rebate } from './rebate.entity';

export const REBATE_ENTITIES = [RebateRule, Rebate, RebateDebt];
