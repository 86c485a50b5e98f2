import { ApiProperty } from '@nestjs/swagger';
import { ApiCampaignStatus, ApiEndedAt } from '../../../platform/campaigns/campaign-state.dto';
import { campaignState, CampaignStatus } from '../../../platform/campaigns/campaign-status';
import { COUPON_TYPES, CouponType, DISTRIBUTIONS, Distribution } from '../domain/coupon-terms';
import { CouponTemplate, TemplateDefinition } from '../entities/coupon-template.entity';

export class ValidityDto {
  @ApiProperty({ enum: ['absolute', 'relative'] }) type!: 'absolute' | 'relative';
  @ApiProperty({ format: 'date-time', required: false }) startsAt?: string;
  @ApiProperty({ format: 'date-time', required: false }) endsAt?: string;
  @ApiProperty({ type: 'integer', required: false }) days?: number;
}

export class TemplateStatsDto {
  @ApiProperty({ type: 'integer', description: 'Coupons issued (claims, codes, prizes)' }) claimed!: number;
  @ApiProperty({ type: 'integer', description: 'Coupons used by a paid order' }) used!: number;
  @ApiProperty({ type: 'integer', description: 'Coupons that can still be issued' }) remaining!: number;
}

/** A template as everyone may see it (the claimable list). */
export class PublicTemplateDto {
  @ApiProperty() id!: string;
  @ApiProperty() merchantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: COUPON_TYPES }) type!: CouponType;
  @ApiProperty({ type: 'integer', nullable: true }) valueFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) percentOff!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxDiscountFen!: number | null;
  @ApiProperty({ type: 'integer' }) minSpendFen!: number;
  @ApiProperty({ enum: DISTRIBUTIONS }) distribution!: Distribution;
  @ApiProperty({ type: 'integer' }) totalQuantity!: number;
  @ApiProperty({ type: 'integer' }) perUserLimit!: number;
  @ApiProperty({ format: 'date-time' }) claimStartsAt!: string;
  @ApiProperty({ format: 'date-time' }) claimEndsAt!: string;
  @ApiProperty({ type: ValidityDto }) validity!: ValidityDto;
  @ApiProperty({ type: [String], nullable: true }) productIds!: string[] | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(template: TemplateDefinition): PublicTemplateDto {
    return {
      id: template.id,
      merchantId: template.merchantId,
      name: template.name,
      type: template.type,
      valueFen: template.valueFen,
      percentOff: template.percentOff,
      maxDiscountFen: template.maxDiscountFen,
      minSpendFen: template.minSpendFen,
      distribution: template.distribution,
      totalQuantity: template.totalQuantity,
      perUserLimit: template.perUserLimit,
      claimStartsAt: template.claimStartsAt.toISOString(),
      claimEndsAt: template.claimEndsAt.toISOString(),
      validity:
        template.validityType === 'absolute'
          ? {
              type: 'absolute',
              startsAt: template.validStartsAt!.toISOString(),
              endsAt: template.validEndsAt!.toISOString(),
            }
          : { type: 'relative', days: template.validDays! },
      productIds: template.productIds,
      createdAt: template.createdAt.toISOString(),
    };
  }
}

/** The merchant's view: the template with its figures and where its claim window stands. */
export class TemplateDto extends PublicTemplateDto {
  @ApiCampaignStatus() status!: CampaignStatus;
  @ApiEndedAt() endedAt!: string | null;
  @ApiProperty({ type: TemplateStatsDto }) stats!: TemplateStatsDto;

  static withStats(template: CouponTemplate, now: Date): TemplateDto {
    return {
      ...PublicTemplateDto.from(template),
      ...campaignState(claimWindow(template), now),
      stats: {
        claimed: template.issued,
        used: template.used,
        remaining: template.totalQuantity - template.issued,
      },
    };
  }
}

/** A template's campaign window: claims run from claimStartsAt to claimEndsAt. */
export const claimWindow = (template: TemplateDefinition) => ({
  startsAt: template.claimStartsAt,
  endsAt: template.claimEndsAt,
  endedAt: template.endedAt,
});

export class TemplatePageDto {
  @ApiProperty({ type: [TemplateDto] }) items!: TemplateDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class TemplateTimelineBucketDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket (UTC)' }) at!: string;
  @ApiProperty({ type: 'integer', description: 'Coupons issued in the bucket' }) claims!: number;
  @ApiProperty({ type: 'integer', description: 'Coupons used by orders paid in the bucket' }) used!: number;
  @ApiProperty({ type: 'integer', description: 'What those orders paid' }) revenueFen!: number;
  @ApiProperty({ type: 'integer', description: 'What the coupons took off those orders' }) discountFen!: number;
}

export class TemplateTimelineDto {
  @ApiProperty({ type: [TemplateTimelineBucketDto], description: 'Oldest first; buckets with no event are left out' })
  buckets!: TemplateTimelineBucketDto[];
}

/** A claimable template in the shoppers' list: with how many are left. */
export class ClaimableTemplateDto extends PublicTemplateDto {
  @ApiProperty({ type: 'integer' }) remaining!: number;
}

export class ClaimableTemplatePageDto {
  @ApiProperty({ type: [ClaimableTemplateDto] }) items!: ClaimableTemplateDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
