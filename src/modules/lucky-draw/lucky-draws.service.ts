import { Injectable } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import { Clock } from '../../platform/clock/clock';
import { PrizeCoupons } from '../coupons/prize-coupons.service';
import { FieldProblem, notFound, validationFailed } from '../../platform/errors/domain-error';
import { isOpaqueId } from '../../platform/http/ids';
import { campaignProblems } from './domain/campaign-rules';
import { seedCommitment } from './domain/fair-random';
import { CreateLuckyDrawDto, PrizeInput } from './dto/create-lucky-draw.dto';
import { LuckyDrawDto, PublicLuckyDrawDto } from './dto/lucky-draw.dto';
import { LuckyDrawPrize } from './entities/lucky-draw-prize.entity';
import { LuckyDraw } from './entities/lucky-draw.entity';
import { CampaignDefinition, LuckyDrawsRepository } from './lucky-draws.repository';

const DEFAULT_TIMEZONE = 'Asia/Shanghai';

/** Merchants' draw campaigns: creating them (refusing contradictions, committing to a seed) and reading them. */
@Injectable()
export class LuckyDrawsService {
  constructor(
    private readonly repository: LuckyDrawsRepository,
    private readonly prizeCoupons: PrizeCoupons,
    private readonly clock: Clock,
  ) {}

  async create(merchantId: string, input: CreateLuckyDrawDto): Promise<LuckyDrawDto> {
    const now = this.clock.now();
    const timezone = input.timezone ?? DEFAULT_TIMEZONE;
    const startsAt = new Date(input.startsAt);
    const endsAt = new Date(input.endsAt);
    const problems = [
      ...campaignProblems({ startsAt, endsAt, timezone, prizes: input.prizes }, now),
      ...(await this.templateProblems(merchantId, input.prizes)),
    ];
    if (problems.length > 0) throw validationFailed(problems, 'The lucky draw contradicts itself');
    const seed = randomBytes(32);
    const campaign: LuckyDraw = {
      id: randomUUID(),
      merchantId,
      name: input.name,
      startsAt,
      endsAt,
      drawsPerUserPerDay: input.drawsPerUserPerDay ?? 1,
      shareBonusDrawsPerDay: input.shareBonusDrawsPerDay ?? 0,
      timezone,
      seedHex: seed.toString('hex'),
      seedCommitment: seedCommitment(seed),
      createdAt: now,
    };
    const prizes: LuckyDrawPrize[] = input.prizes.map((prize, position) => ({
      id: randomUUID(),
      campaignId: campaign.id,
      position,
      name: prize.name,
      kind: prize.kind,
      weight: prize.weight,
      stock: prize.stock ?? null,
      awarded: 0,
      couponTemplateId: prize.kind === 'coupon' ? prize.couponTemplateId! : null,
      cashFen: prize.kind === 'cash' ? prize.cashFen! : null,
    }));
    await this.repository.insert(campaign, prizes);
    return this.merchantView({ campaign, prizes, byId: new Map() }, now);
  }

  async getForMerchant(merchantId: string, id: string): Promise<LuckyDrawDto> {
    const definition = await this.find(id);
    if (definition.campaign.merchantId !== merchantId) throw notFound('Lucky draw');
    return this.merchantView(definition, this.clock.now());
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

  private async merchantView(definition: CampaignDefinition, now: Date): Promise<LuckyDrawDto> {
    const { campaign, prizes } = definition;
    const [stats, items] = await Promise.all([
      this.repository.stats(campaign.id),
      this.repository.itemsWon(campaign.id),
    ]);
    const names = new Map(prizes.map((prize) => [prize.id, prize.name]));
    return {
      ...PublicLuckyDrawDto.from(campaign, prizes, now),
      stats,
      itemsToFulfil: items.map((entry) => ({
        drawId: entry.id,
        prizeId: entry.prizeId!,
        prizeName: names.get(entry.prizeId!) ?? '',
        shopperId: entry.shopperId,
        wonAt: entry.createdAt.toISOString(),
      })),
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
