import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { CampaignChanges } from '../../platform/campaigns/campaign-changes';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { assertStartedPatch, definedFields } from '../../platform/campaigns/campaign-patch';
import { campaignState, hasStarted } from '../../platform/campaigns/campaign-status';
import { campaignLocked, stockBelowTaken } from '../../platform/campaigns/campaign.errors';
import { mergeTimeline } from '../../platform/campaigns/timeline';
import { TimelineBucket } from '../../platform/campaigns/timeline.query';
import { Clock } from '../../platform/clock/clock';
import { FieldProblem, notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { Page, pageLimit, toPage } from '../../platform/http/pagination';
import { CouponTimelinesRepository } from '../coupons/coupon-timelines.repository';
import { PrizeCoupons } from '../coupons/prize-coupons.service';
import { campaignProblems } from './domain/campaign-rules';
import { seedCommitment } from './domain/fair-random';
import { CreateLuckyDrawDto, PrizeInput, UpdateLuckyDrawDto } from './dto/create-lucky-draw.dto';
import { LuckyDrawDto, LuckyDrawSummaryDto, LuckyDrawTimelineDto, PublicLuckyDrawDto } from './dto/lucky-draw.dto';
import { LuckyDrawPrize } from './entities/lucky-draw-prize.entity';
import { LuckyDraw } from './entities/lucky-draw.entity';
import { CampaignDefinition, DrawStats, LuckyDrawsRepository } from './lucky-draws.repository';
import { WebhookEvents } from '../webhooks/webhook-events.service';

const DEFAULT_TIMEZONE = 'Asia/Shanghai';

type DrawTerms = Pick<
  LuckyDraw,
  'name' | 'startsAt' | 'endsAt' | 'drawsPerUserPerDay' | 'shareBonusDrawsPerDay' | 'timezone'
>;

/**
 * Merchants' draw campaigns: creating and editing them (refusing contradictions, committing to a seed), ending them
 * early (which reveals the seed), reading them with stats and timelines, listing them.
 */
@Injectable()
export class LuckyDrawsService {
  constructor(
    private readonly repository: LuckyDrawsRepository,
    private readonly prizeCoupons: PrizeCoupons,
    private readonly couponTimelines: CouponTimelinesRepository,
    private readonly changes: CampaignChanges,
    private readonly clock: Clock,
    private readonly webhooks: WebhookEvents,
  ) {}

  async create(merchantId: string, input: CreateLuckyDrawDto): Promise<LuckyDrawDto> {
    const now = this.clock.now();
    const terms = await this.checkedTerms(merchantId, input, now);
    const seed = randomBytes(32);
    const campaign: LuckyDraw = {
      id: randomUUID(),
      merchantId,
      ...terms,
      seedHex: seed.toString('hex'),
      seedCommitment: seedCommitment(seed),
      createdAt: now,
      endedAt: null,
      redisEpoch: 0,
    };
    const prizes = prizeRows(campaign.id, input.prizes);
    await this.repository.insert(campaign, prizes);
    return this.merchantView({ campaign, prizes, byId: new Map() }, now);
  }

  /**
   * Before the start any field, `prizes` replacing the list (checked as at creation). After it: the name, a later
   * endsAt, and `prizes` only as the same prizes in the same order, each with as much stock or more; anything
   * else is 409 CAMPAIGN_LOCKED. Stock below what was awarded is 409 CAMPAIGN_STOCK_BELOW_TAKEN, checked by the
   * UPDATE itself against draws committing meanwhile. The seed never changes.
   */
  async update(merchantId: string, id: string, patch: UpdateLuckyDrawDto): Promise<LuckyDrawDto> {
    const changes = definedFields(patch);
    if (Object.keys(changes).length === 0) {
      throw validationFailed([{ field: 'body', problems: ['give at least one field to change'] }]);
    }
    if (!isOpaqueId(id)) throw notFound('Lucky draw');
    await this.changes.change('lucky-draws', id, async () => {
      const locked = await this.repository.lockForMerchant(id, merchantId);
      if (!locked) throw notFound('Lucky draw');
      const { campaign, prizes } = locked;
      const now = this.clock.now();
      const body = creationBody(campaign, prizes);
      // Below what was awarded is its own refusal, whether or not the campaign has started.
      changes.prizes?.forEach((prize, index) => {
        const awarded = prizes[index]?.awarded ?? 0;
        if (prize.stock !== undefined && prize.stock !== null && prize.stock < awarded) {
          throw stockBelowTaken(`prizes[${index}].stock`, awarded);
        }
      });
      const started = hasStarted(campaign, now);
      if (started) {
        assertStartedPatch(changes, body, { end: 'endsAt', custom: ['prizes'] });
        if (changes.prizes) assertOnlyMoreStock(changes.prizes, body.prizes as PrizeInput[]);
      }
      const merged = { ...body, ...changes } as CreateLuckyDrawDto;
      const terms = await this.checkedTerms(merchantId, merged, now, { pastEndAllowed: changes.endsAt === undefined });
      await this.repository.updateCampaign(id, terms);
      if (!changes.prizes) return;
      if (!started) return this.repository.replacePrizes(id, prizeRows(id, changes.prizes));
      for (const [index, prize] of prizes.entries()) {
        const stock = changes.prizes[index].stock ?? null;
        if (stock === prize.stock) continue;
        if (!(await this.repository.setStock(prize.id, stock))) {
          throw stockBelowTaken(`prizes[${index}].stock`, prize.awarded);
        }
      }
    });
    return this.getForMerchant(merchantId, id);
  }

  /** No draw from now on, on every instance; the seed is revealed. Ending again changes nothing. */
  async end(merchantId: string, id: string): Promise<LuckyDrawDto> {
    await this.getForMerchant(merchantId, id);
    await this.changes.change('lucky-draws', id, async () => {
      const now = this.clock.now();
      if (await this.repository.end(id, merchantId, now))
        await this.webhooks.campaignEnded(merchantId, 'lucky-draws', id, now);
    });
    return this.getForMerchant(merchantId, id);
  }

  /** Newest first, each with its prizes and stats: one query for the page, one for prizes, one for stats. */
  async listForMerchant(merchantId: string, query: CampaignListQuery): Promise<Page<LuckyDrawSummaryDto>> {
    const now = this.clock.now();
    const rows = await this.repository.listForMerchant(merchantId, query, now);
    const ids = rows.slice(0, pageLimit(query)).map((row) => row.id);
    const [prizes, stats] = await Promise.all([this.repository.prizesOf(ids), this.repository.statsOf(ids)]);
    return toPage(rows, pageLimit(query), (campaign) =>
      summary(campaign, prizes.get(campaign.id)!, stats.get(campaign.id)!, now),
    );
  }

  /** Draws and wins by draw time; revenue and discount of the orders that used the draw's coupon prizes. */
  async timeline(merchantId: string, id: string, bucket: TimelineBucket): Promise<LuckyDrawTimelineDto> {
    const { campaign } = await this.own(merchantId, id);
    const [draws, uses] = await Promise.all([
      this.repository.drawTimeline(campaign.id, bucket),
      this.couponTimelines.usesFromSource(`lucky-draw:${campaign.id}`, bucket),
    ]);
    const revenue = uses.map(({ at, revenueFen, discountFen }) => ({ at, revenueFen, discountFen }));
    return { buckets: mergeTimeline(['draws', 'won', 'revenueFen', 'discountFen'] as const, draws, revenue) };
  }

  async getForMerchant(merchantId: string, id: string): Promise<LuckyDrawDto> {
    return this.merchantView(await this.own(merchantId, id), this.clock.now());
  }

  async getPublic(id: string): Promise<PublicLuckyDrawDto> {
    const { campaign, prizes } = await this.find(id);
    return PublicLuckyDrawDto.from(campaign, prizes, this.clock.now());
  }

  async find(id: string): Promise<CampaignDefinition> {
    const definition = isOpaqueId(id) ? await this.repository.definition(id) : null;
    if (!definition) throw notFound('Lucky draw');
    return definition;
  }

  private async own(merchantId: string, id: string): Promise<CampaignDefinition> {
    const definition = await this.find(id);
    if (definition.campaign.merchantId !== merchantId) throw notFound('Lucky draw');
    return definition;
  }

  private async merchantView(definition: CampaignDefinition, now: Date): Promise<LuckyDrawDto> {
    const { campaign, prizes } = definition;
    const [stats, items] = await Promise.all([
      this.repository.stats(campaign.id),
      this.repository.itemsWon(campaign.id),
    ]);
    const names = new Map(prizes.map((prize) => [prize.id, prize.name]));
    return {
      ...summary(campaign, prizes, stats, now),
      itemsToFulfil: items.map((entry) => ({
        drawId: entry.id,
        prizeId: entry.prizeId!,
        prizeName: names.get(entry.prizeId!) ?? '',
        shopperId: entry.shopperId,
        wonAt: entry.createdAt.toISOString(),
      })),
    };
  }

  /** The campaign's terms from a creation body, or 400 naming every contradiction (creation and edits alike). */
  private async checkedTerms(
    merchantId: string,
    input: CreateLuckyDrawDto,
    now: Date,
    options: { pastEndAllowed?: boolean } = {},
  ): Promise<DrawTerms> {
    const timezone = input.timezone ?? DEFAULT_TIMEZONE;
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    // A campaign that has run its course may keep its end: only a new endsAt must lie ahead.
    const problems = [
      ...campaignProblems(
        { startsAt, endsAt, timezone, prizes: input.prizes },
        options.pastEndAllowed ? startsAt : now,
      ),
      ...(await this.templateProblems(merchantId, input.prizes)),
    ];
    if (problems.length > 0) throw validationFailed(problems, 'The lucky draw contradicts itself');
    return {
      name: input.name,
      startsAt,
      endsAt,
      drawsPerUserPerDay: input.drawsPerUserPerDay ?? 1,
      shareBonusDrawsPerDay: input.shareBonusDrawsPerDay ?? 0,
      timezone,
    };
  }

  /** A coupon prize names a `prize` template of this merchant; another merchant's looks unknown (400 alike). */
  private async templateProblems(merchantId: string, prizes: PrizeInput[]): Promise<FieldProblem[]> {
    const wanted = prizes.flatMap((prize, index) =>
      prize.kind === 'coupon' && prize.couponTemplateId ? [{ index, id: prize.couponTemplateId }] : [],
    );
    const templates = await this.prizeCoupons.templateFacts([...new Set(wanted.map((w) => w.id))]);
    return wanted.flatMap(({ index, id }) => {
      const template = templates.get(id);
      const field = `prizes[${index}].couponTemplateId`;
      if (!template || template.merchantId !== merchantId) {
        return [{ field, problems: ['not a coupon template of this merchant'] }];
      }
      if (template.distribution !== 'prize') return [{ field, problems: ['must be a prize-distribution template'] }];
      return [];
    });
  }
}

function summary(campaign: LuckyDraw, prizes: LuckyDrawPrize[], stats: DrawStats, now: Date): LuckyDrawSummaryDto {
  return {
    ...PublicLuckyDrawDto.from(campaign, prizes, now),
    createdAt: campaign.createdAt.toISOString(),
    ...campaignState(campaign, now),
    stats,
  };
}

function prizeRows(campaignId: string, prizes: PrizeInput[]): LuckyDrawPrize[] {
  return prizes.map((prize, position) => ({
    id: randomUUID(),
    campaignId,
    position,
    name: prize.name,
    kind: prize.kind,
    weight: prize.weight,
    stock: prize.stock ?? null,
    awarded: 0,
    couponTemplateId: prize.kind === 'coupon' ? prize.couponTemplateId! : null,
    cashFen: prize.kind === 'cash' ? prize.cashFen! : null,
  }));
}

/** The campaign in the terms of its creation body: what a PATCH is merged into and compared with. */
function creationBody(
  campaign: LuckyDraw,
  prizes: LuckyDrawPrize[],
): Record<string, unknown> & { prizes: PrizeInput[] } {
  return {
    name: campaign.name,
    startsAt: campaign.startsAt.toISOString(),
    endsAt: campaign.endsAt.toISOString(),
    drawsPerUserPerDay: campaign.drawsPerUserPerDay,
    shareBonusDrawsPerDay: campaign.shareBonusDrawsPerDay,
    timezone: campaign.timezone,
    prizes: prizes.map((prize) => ({
      name: prize.name,
      kind: prize.kind,
      weight: prize.weight,
      stock: prize.stock,
      couponTemplateId: prize.couponTemplateId,
      cashFen: prize.cashFen,
    })),
  };
}

/** Once started, the prizes stay as published (the odds are a promise): only their stock may grow. */
function assertOnlyMoreStock(next: PrizeInput[], current: PrizeInput[]): void {
  if (next.length !== current.length) throw campaignLocked(['prizes']);
  const locked: string[] = [];
  next.forEach((prize, index) => {
    const stockLess = { ...prize, stock: undefined };
    const was = current[index];
    for (const field of ['name', 'kind', 'weight', 'couponTemplateId', 'cashFen'] as const) {
      if ((stockLess[field] ?? null) !== (was[field] ?? null)) locked.push(`prizes[${index}].${field}`);
    }
    const stock = prize.stock ?? null;
    const grows = stock === null || (was.stock !== null && was.stock !== undefined && stock >= was.stock);
    if (!grows) locked.push(`prizes[${index}].stock`);
  });
  if (locked.length > 0) throw campaignLocked(locked);
}
