import { ApiProperty } from '@nestjs/swagger';
import { ApiCampaignStatus, ApiEndedAt } from '../../../platform/campaigns/campaign-state.dto';
import { campaignState, CampaignStatus } from '../../../platform/campaigns/campaign-status';
import { REBATE_KINDS, RebateKind } from '../domain/rebate-amount';
import { RebateRule } from '../entities/rebate-rule.entity';
import { RebateStatus } from '../entities/rebate.entity';

/** What shoppers see: the rebate's state, or `failed` for a paid one whose transfer the provider refused. */
export type RebateView = RebateStatus | 'failed';

export class RebateRuleStatsDto {
  @ApiProperty({ type: 'integer', description: 'Rebates earned (one per matching paid order)' }) earned!: number;
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiProperty({ type: 'integer', description: 'Rebates paid out' }) paid!: number;
  @ApiProperty({ type: 'integer' }) cancelled!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Paid rebates a refund of their order clawed back (counted in paid too)',
  })
  clawedBack!: number;
  @ApiProperty({ type: 'integer', description: 'Rebates paid, in fen (clawed back or not)' }) paidFen!: number;
  @ApiProperty({ type: 'integer', description: 'Clawed back of paid rebates, in fen' }) clawedBackFen!: number;
}

export class RebateRuleDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], nullable: true }) productIds!: string[] | null;
  @ApiProperty({ type: 'integer' }) minOrderFen!: number;
  @ApiProperty({ enum: REBATE_KINDS }) kind!: RebateKind;
  @ApiProperty({ type: 'integer', nullable: true }) valueFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) percent!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxRebateFen!: number | null;
  @ApiProperty({ type: 'integer' }) delaySeconds!: number;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiCampaignStatus() status!: CampaignStatus;
  @ApiEndedAt() endedAt!: string | null;
  @ApiProperty({ type: RebateRuleStatsDto }) stats!: RebateRuleStatsDto;

  static from(rule: RebateRule, now: Date, stats: RebateRuleStatsDto): RebateRuleDto {
    return {
      ...campaignState(rule, now),
      createdAt: rule.createdAt.toISOString(),
      stats,
      id: rule.id,
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
}

export class RebateRulePageDto {
  @ApiProperty({ type: [RebateRuleDto] }) items!: RebateRuleDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class RebateRuleTimelineBucketDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket (UTC)' }) at!: string;
  @ApiProperty({ type: 'integer', description: 'Rebates earned by orders paid in the bucket' }) rebatesEarned!: number;
  @ApiProperty({ type: 'integer', description: 'Rebates paid out in the bucket' }) rebatesPaid!: number;
  @ApiProperty({ type: 'integer', description: 'Totals of the orders that earned a rebate in the bucket' })
  revenueFen!: number;
  @ApiProperty({ type: 'integer', description: 'Rebates paid out in the bucket, in fen' }) discountFen!: number;
}

export class RebateRuleTimelineDto {
  @ApiProperty({ type: [RebateRuleTimelineBucketDto], description: 'Oldest first; buckets with no event are left out' })
  buckets!: RebateRuleTimelineBucketDto[];
}

export class RebateDto {
  @ApiProperty() id!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() ruleId!: string;
  @ApiProperty({ type: 'integer', description: 'Earned (while pending) or paid' }) amountFen!: number;
  @ApiProperty({ enum: ['pending', 'paid', 'cancelled', 'failed', 'clawed_back'] }) status!: RebateView;
  @ApiProperty({ type: String, nullable: true, description: 'null while pending, or when all of it paid off a debt' })
  transferId!: string | null;
  @ApiProperty({
    type: 'integer',
    description: 'Part of the paid amount that paid off what was owed; transferred: the rest',
  })
  deductedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Clawed back of the paid amount by refunds of its order' })
  clawedBackFen!: number;
  @ApiProperty({ format: 'date-time', description: "The order's payment + the rule's delay; never changes" })
  dueAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'When it was paid' }) paidAt!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, description: 'When a refund first clawed it back' })
  clawedBackAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class OwedToMerchantDto {
  @ApiProperty() merchantId!: string;
  @ApiProperty({ type: 'integer' }) owedFen!: number;
}

export class RebatePageDto {
  @ApiProperty({ type: [RebateDto] }) items!: RebateDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
  @ApiProperty({
    type: 'integer',
    description: "Clawed-back rebates still owed, every merchant's together: deducted from the next rebates",
  })
  owedFen!: number;
  @ApiProperty({ type: [OwedToMerchantDto], description: 'What is owed, per merchant owed something' })
  owedByMerchant!: OwedToMerchantDto[];
}
