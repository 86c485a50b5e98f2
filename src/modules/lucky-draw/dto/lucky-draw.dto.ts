import { ApiProperty } from '@nestjs/swagger';
import { ApiCampaignStatus, ApiEndedAt } from '../../../platform/campaigns/campaign-state.dto';
import { CampaignStatus, closesAt } from '../../../platform/campaigns/campaign-status';
import { oddsOf } from '../domain/draw-odds';
import { PRIZE_KINDS, PrizeKind } from '../domain/campaign-rules';
import { LuckyDrawPrize } from '../entities/lucky-draw-prize.entity';
import { LuckyDraw } from '../entities/lucky-draw.entity';

export class OddsDto {
  @ApiProperty({ type: 'integer' }) weight!: number;
  @ApiProperty({ type: 'integer', description: 'Σ weights of all prizes' }) totalWeight!: number;
  @ApiProperty({ description: 'weight / totalWeight' }) probability!: number;
}

export class PrizeDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: PRIZE_KINDS }) kind!: PrizeKind;
  @ApiProperty({ type: 'integer' }) weight!: number;
  @ApiProperty({ type: 'integer', nullable: true }) stock!: number | null;
  @ApiProperty({ required: false }) couponTemplateId?: string;
  @ApiProperty({ type: 'integer', required: false }) cashFen?: number;
  @ApiProperty({ type: OddsDto }) odds!: OddsDto;
}

export class PublicLuckyDrawDto {
  @ApiProperty() id!: string;
  @ApiProperty() merchantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ type: 'integer' }) drawsPerUserPerDay!: number;
  @ApiProperty({ type: 'integer' }) shareBonusDrawsPerDay!: number;
  @ApiProperty() timezone!: string;
  @ApiProperty({ type: [PrizeDto], description: 'In published order: the order tickets are mapped in' })
  prizes!: PrizeDto[];
  @ApiProperty({ description: 'SHA-256 (hex) of the secret seed' }) seedCommitment!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The seed (hex), once the campaign has ended (or was ended)',
  })
  revealedSeed!: string | null;

  static from(campaign: LuckyDraw, prizes: LuckyDrawPrize[], now: Date): PublicLuckyDrawDto {
    const odds = oddsOf(prizes.map((prize) => prize.weight));
    return {
      id: campaign.id,
      merchantId: campaign.merchantId,
      name: campaign.name,
      startsAt: campaign.startsAt.toISOString(),
      endsAt: campaign.endsAt.toISOString(),
      drawsPerUserPerDay: campaign.drawsPerUserPerDay,
      shareBonusDrawsPerDay: campaign.shareBonusDrawsPerDay,
      timezone: campaign.timezone,
      prizes: prizes.map((prize, index) => ({
        id: prize.id,
        name: prize.name,
        kind: prize.kind,
        weight: prize.weight,
        stock: prize.stock,
        ...(prize.couponTemplateId ? { couponTemplateId: prize.couponTemplateId } : {}),
        ...(prize.cashFen !== null ? { cashFen: prize.cashFen } : {}),
        odds: odds[index],
      })),
      seedCommitment: campaign.seedCommitment,
      revealedSeed: now >= closesAt(campaign) ? campaign.seedHex : null,
    };
  }
}

export class ItemToFulfilDto {
  @ApiProperty() drawId!: string;
  @ApiProperty() prizeId!: string;
  @ApiProperty() prizeName!: string;
  @ApiProperty() shopperId!: string;
  @ApiProperty({ format: 'date-time' }) wonAt!: string;
}

export class LuckyDrawStatsDto {
  @ApiProperty({ type: 'integer' }) draws!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'integer' },
    description: 'prizeId -> draws that awarded it (misses are not counted)',
  })
  won!: Record<string, number>;
  @ApiProperty({ type: 'integer', description: 'Draws whose picked prize was out of stock' }) outOfStock!: number;
}

/** The merchant's view in a list: the campaign, where it stands, its stats. */
export class LuckyDrawSummaryDto extends PublicLuckyDrawDto {
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiCampaignStatus() status!: CampaignStatus;
  @ApiEndedAt() endedAt!: string | null;
  @ApiProperty({ type: LuckyDrawStatsDto }) stats!: LuckyDrawStatsDto;
}

export class LuckyDrawPageDto {
  @ApiProperty({ type: [LuckyDrawSummaryDto] }) items!: LuckyDrawSummaryDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class LuckyDrawTimelineBucketDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket (UTC)' }) at!: string;
  @ApiProperty({ type: 'integer', description: 'Draws made in the bucket' }) draws!: number;
  @ApiProperty({ type: 'integer', description: 'Draws that awarded a prize' }) won!: number;
  @ApiProperty({ type: 'integer', description: "What orders paid that used the draw's coupon prizes" })
  revenueFen!: number;
  @ApiProperty({ type: 'integer', description: "What the draw's coupon prizes took off those orders" })
  discountFen!: number;
}

export class LuckyDrawTimelineDto {
  @ApiProperty({ type: [LuckyDrawTimelineBucketDto], description: 'Oldest first; buckets with no event are left out' })
  buckets!: LuckyDrawTimelineBucketDto[];
}

export class LuckyDrawDto extends LuckyDrawSummaryDto {
  @ApiProperty({ type: [ItemToFulfilDto], description: 'Item prizes won, newest first (up to 100)' })
  itemsToFulfil!: ItemToFulfilDto[];
}
