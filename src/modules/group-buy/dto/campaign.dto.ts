import { ApiProperty } from '@nestjs/swagger';
import { ApiCampaignStatus, ApiEndedAt } from '../../../platform/campaigns/campaign-state.dto';
import { campaignState, CampaignStatus } from '../../../platform/campaigns/campaign-status';
import type { CampaignPhase } from '../domain/campaign-rules';
import { GroupBuyCampaign } from '../entities/group-buy-campaign.entity';

export class CampaignDto {
  @ApiProperty() id!: string;
  @ApiProperty() productId!: string;
  @ApiProperty({ description: "The product's name when the campaign was created or its product last set" })
  productName!: string;
  @ApiProperty({ type: 'integer' }) groupPriceFen!: number;
  @ApiProperty({ type: 'integer', nullable: true }) leaderPriceFen!: number | null;
  @ApiProperty({ type: 'integer', minimum: 2, maximum: 50 }) groupSize!: number;
  @ApiProperty({ type: 'integer' }) completionWindowSeconds!: number;
  @ApiProperty({ type: 'integer' }) paymentWindowSeconds!: number;
  @ApiProperty() virtualCompletion!: boolean;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiCampaignStatus() status!: CampaignStatus;
  @ApiEndedAt() endedAt!: string | null;

  static from(campaign: GroupBuyCampaign, now: Date): CampaignDto {
    return {
      ...campaignState(campaign, now),
      id: campaign.id,
      productId: campaign.productId,
      productName: campaign.productName,
      groupPriceFen: campaign.groupPriceFen,
      leaderPriceFen: campaign.leaderPriceFen,
      groupSize: campaign.groupSize,
      completionWindowSeconds: campaign.completionWindowSeconds,
      paymentWindowSeconds: campaign.paymentWindowSeconds,
      virtualCompletion: campaign.virtualCompletion,
      startsAt: campaign.startsAt.toISOString(),
      endsAt: campaign.endsAt.toISOString(),
      createdAt: campaign.createdAt.toISOString(),
    };
  }
}

export class CampaignStatsDto {
  @ApiProperty({ type: 'integer', description: 'Rooms opened by leaders, whatever became of them' }) rooms!: number;
  @ApiProperty({ type: 'integer' }) pending!: number;
  @ApiProperty({ type: 'integer' }) open!: number;
  @ApiProperty({ type: 'integer' }) completed!: number;
  @ApiProperty({ type: 'integer' }) failed!: number;
  @ApiProperty({ type: 'integer' }) cancelled!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Shoppers (other than the leader) who opened a room share link; each counted once per room',
  })
  shares!: number;
  @ApiProperty({ type: 'integer', description: 'Joins that carried the room share token' }) joinsFromShares!: number;
}

export class MerchantCampaignDto extends CampaignDto {
  @ApiProperty({ type: CampaignStatsDto }) stats!: CampaignStatsDto;
}

export class MerchantCampaignPageDto {
  @ApiProperty({ type: [MerchantCampaignDto] }) items!: MerchantCampaignDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class CampaignTimelineBucketDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket (UTC)' }) at!: string;
  @ApiProperty({ type: 'integer', description: 'Rooms opened (leader paid) in the bucket' }) roomsOpened!: number;
  @ApiProperty({ type: 'integer', description: 'Rooms completed in the bucket' }) roomsCompleted!: number;
  @ApiProperty({ type: 'integer', description: 'Rooms failed in the bucket' }) roomsFailed!: number;
  @ApiProperty({ type: 'integer', description: "What members paid in the bucket (their orders' totals)" })
  revenueFen!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Order discounts: always 0, a group-buy order is priced at the group price with no discount line',
  })
  discountFen!: number;
}

export class CampaignTimelineDto {
  @ApiProperty({ type: [CampaignTimelineBucketDto], description: 'Oldest first; buckets with no event are left out' })
  buckets!: CampaignTimelineBucketDto[];
}

export class OpenRoomDto {
  @ApiProperty() id!: string;
  @ApiProperty({ type: 'integer' }) groupSize!: number;
  @ApiProperty({ type: 'integer' }) seatsTaken!: number;
  @ApiProperty({ type: 'integer' }) seatsPaid!: number;
  @ApiProperty({ type: 'integer' }) seatsLeft!: number;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ description: "The leader, masked (an openid suffix such as '***a1b2')" }) leaderDisplay!: string;
}

export class PublicCampaignDto extends CampaignDto {
  @ApiProperty({ enum: ['upcoming', 'active', 'ended'] }) phase!: CampaignPhase;
  @ApiProperty({
    type: [OpenRoomDto],
    description: 'Open rooms with a free seat, closest to their deadline first (at most 20)',
  })
  openRooms!: OpenRoomDto[];
}
