import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { assertStartedPatch, definedFields } from '../../platform/campaigns/campaign-patch';
import { hasStarted } from '../../platform/campaigns/campaign-status';
import { mergeTimeline } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Clock } from '../../platform/clock/clock';
import { FieldProblem, notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { Page, pageLimit, toPage } from '../../platform/http/pagination';
import { ProductsService } from '../products/products.service';
import { ruleProblems } from './domain/rule-rules';
import { CreateRebateRuleDto, DEFAULT_DELAY_SECONDS, UpdateRebateRuleDto } from './dto/create-rule.dto';
import { RebateRuleDto, RebateRuleTimelineDto } from './dto/rebate.dto';
import { RebateRule } from './entities/rebate-rule.entity';
import { RebatesRepository } from './rebates.repository';
import { WebhookEvents } from '../webhooks/webhook-events.service';

type RuleTerms = Omit<RebateRule, 'id' | 'merchantId' | 'createdAt' | 'endedAt'>;

/**
 * Merchants' rebate rules: creating and editing them (refusing contradictions), ending them early, reading them
 * with stats and timelines, listing them. Rules are read fresh by every order's payment, so no cache is told.
 */
@Injectable()
export class RebateRulesService {
  constructor(
    private readonly repository: RebatesRepository,
    private readonly products: ProductsService,
    private readonly changes: CampaignChanges,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  async create(merchantId: string, input: CreateRebateRuleDto): Promise<RebateRuleDto> {
    const now = this.clock.now();
    const rule: RebateRule = {
      id: randomUUID(),
      merchantId,
      ...(await this.checkedTerms(merchantId, input, now)),
      createdAt: now,
      endedAt: null,
    };
    await this.repository.insertRule(rule);
    return this.view(rule);
  }

  /**
   * Before the start any field (checked as at creation); after it only the name and a later endsAt (409
   * CAMPAIGN_LOCKED otherwise): rebates already earned are paid by the terms they were earned under.
   */
  async update(merchantId: string, id: string, patch: UpdateRebateRuleDto): Promise<RebateRuleDto> {
    const changes = definedFields(patch);
    if (Object.keys(changes).length === 0) {
      throw validationFailed([{ field: 'body', problems: ['give at least one field to change'] }]);
    }
    if (!isOpaqueId(id)) throw notFound('Rebate rule');
    await this.changes.change('rebate-rules', id, async () => {
      const current = await this.repository.lockRule(id, merchantId);
      if (!current) throw notFound('Rebate rule');
      const now = this.clock.now();
      const body = creationBody(current);
      if (hasStarted(current, now)) assertStartedPatch(changes, body, { end: 'endsAt' });
      const merged = { ...body, ...changes } as CreateRebateRuleDto;
      await this.repository.updateRule(
        id,
        await this.checkedTerms(merchantId, merged, now, { pastEndAllowed: changes.endsAt === undefined }),
      );
    });
    return this.getForMerchant(merchantId, id);
  }

  /** Orders paid from now on earn nothing under it; rebates already earned are still paid. Idempotent. */
  async end(merchantId: string, id: string): Promise<RebateRuleDto> {
    await this.own(merchantId, id);
    await this.changes.change('rebate-rules', id, async () => {
      const now = this.clock.now();
      if (await this.repository.endRule(id, merchantId, now))
        await this.webhooks.campaignEnded(merchantId, 'rebate-rules', id, now);
    });
    return this.getForMerchant(merchantId, id);
  }

  async getForMerchant(merchantId: string, id: string): Promise<RebateRuleDto> {
    return this.view(await this.own(merchantId, id));
  }

  /** Newest first, each with its stats: one query for the page, one for all their stats. */
  async listForMerchant(merchantId: string, query: CampaignListQuery): Promise<Page<RebateRuleDto>> {
    const now = this.clock.now();
    const rows = await this.repository.listRules(merchantId, query, now);
    const stats = await this.repository.statsOf(rows.slice(0, pageLimit(query)).map((row) => row.id));
    return toPage(rows, pageLimit(query), (rule) => RebateRuleDto.from(rule, now, stats.get(rule.id)!));
  }

  async timeline(merchantId: string, id: string, bucket: TimelineBucket): Promise<RebateRuleTimelineDto> {
    const rule = await this.own(merchantId, id);
    const rows = await this.repository.timeline(rule.id, bucket);
    const counters = ['rebatesEarned', 'rebatesPaid', 'revenueFen', 'discountFen'] as const;
    return { buckets: mergeTimeline(counters, rows) };
  }

  private async own(merchantId: string, id: string): Promise<RebateRule> {
    const rule = isOpaqueId(id) ? await this.repository.ruleOf(id, merchantId) : null;
    if (!rule) throw notFound('Rebate rule');
    return rule;
  }

  private async view(rule: RebateRule): Promise<RebateRuleDto> {
    const stats = await this.repository.statsOf([rule.id]);
    return RebateRuleDto.from(rule, this.clock.now(), stats.get(rule.id)!);
  }

  /** The rule's terms from a creation body, or 400 naming every contradiction (creation and edits alike). */
  private async checkedTerms(
    merchantId: string,
    input: CreateRebateRuleDto,
    now: Date,
    options: { pastEndAllowed?: boolean } = {},
  ): Promise<RuleTerms> {
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const productIds = input.productIds ?? null;
    // A rule that has run its course may keep its end: only a new endsAt must lie ahead.
    const problems = [
      ...ruleProblems({ ...input, startsAt, endsAt }, options.pastEndAllowed ? startsAt : now),
      ...(await this.scopeProblems(merchantId, productIds)),
    ];
    if (problems.length > 0) throw validationFailed(problems, 'The rebate rule contradicts itself');
    return {
      name: input.name,
      productIds,
      minOrderFen: input.minOrderFen ?? 0,
      kind: input.kind,
      valueFen: input.kind === 'fixed' ? input.valueFen! : null,
      percent: input.kind === 'percent' ? input.percent! : null,
      maxRebateFen: input.kind === 'percent' ? (input.maxRebateFen ?? null) : null,
      delaySeconds: input.delaySeconds ?? DEFAULT_DELAY_SECONDS,
      startsAt,
      endsAt,
    };
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

/** The rule in the terms of its creation body: what a PATCH is merged into and compared with. */
function creationBody(rule: RebateRule): Record<string, unknown> {
  return {
    name: rule.name,
    productIds: rule.productIds,
    minOrderFen: rule.minOrderFen,
    kind: rule.kind,
    valueFen: rule.valueFen,
    percent: rule.percent,
    maxRebateFen: rule.maxRebateFen,
    delaySeconds: rule.delaySeconds,
    startsAt: rule.startsAt.toISOString(),
    endsAt: rule.endsAt.toISOString(),
  };
}
