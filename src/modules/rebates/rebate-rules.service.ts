import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { FieldProblem, validationFailed } from '../../platform/errors/domain-error';
import { ProductsService } from '../products/products.service';
import { ruleProblems } from './domain/rule-rules';
import { CreateRebateRuleDto } from './dto/create-rule.dto';
import { RebateRuleDto } from './dto/rebate.dto';
import { RebateRule } from './entities/rebate-rule.entity';
import { RebatesRepository } from './rebates.repository';

/** Merchants' rebate rules: creating them, refusing contradictions. */
@Injectable()
export class RebateRulesService {
  constructor(
    private readonly repository: RebatesRepository,
    private readonly products: ProductsService,
    private readonly clock: Clock,
  ) {}

  async create(merchantId: string, input: CreateRebateRuleDto): Promise<RebateRuleDto> {
    const now = this.clock.now();
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const productIds = input.productIds ?? null;
    const problems = [
      ...ruleProblems({ ...input, startsAt, endsAt }, now),
      ...(await this.scopeProblems(merchantId, productIds)),
    ];
    if (problems.length > 0) throw validationFailed(problems, 'The rebate rule contradicts itself');
    const rule: RebateRule = {
      id: randomUUID(),
      merchantId,
      name: input.name,
      productIds,
      minOrderFen: input.minOrderFen ?? 0,
      kind: input.kind,
      valueFen: input.kind === 'fixed' ? input.valueFen! : null,
      percent: input.kind === 'percent' ? input.percent! : null,
      maxRebateFen: input.kind === 'percent' ? (input.maxRebateFen ?? null) : null,
      delaySeconds: input.delaySeconds ?? 0,
      startsAt,
      endsAt,
      createdAt: now,
    };
    await this.repository.insertRule(rule);
    return RebateRuleDto.from(rule);
  }

  private async scopeProblems(merchantId: string, productIds: string[] | null): Promise<FieldProblem[]> {
    if (productIds === null) return [];
    const own = new Set(
      (await this.products.findMany(productIds)).filter((p) => p.merchantId === merchantId).map((p) => p.id),
    );
    const foreign = productIds.filter((id) => !own.has(id));
    return foreign.length === 0
      ? []
      : [{ field: 'productIds', problems: [`not products of this merchant: ${foreign.join(', ')}`] }];
  }
}
