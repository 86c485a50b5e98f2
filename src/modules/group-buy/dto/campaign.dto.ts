import { ApiProperty } from '@nestjs/swagger';
import type { CampaignPhase } from '../domain/campaign-rules';
import { GroupBuyCampaign } from '../entities/group-buy-campaign.entity';

export class CampaignDto {
  @ApiProperty() id!: string;
  @ApiProperty() productId!: string;
  @ApiProperty({ type: 'integer' }) groupPriceFen!: number;
  @ApiProperty({ type: 'integer', nullable: true }) leaderPriceFen!: number | null;
  @ApiProperty({ type: 'integer', minimum: 2, maximum: 50 }) groupSize!: number;
  @ApiProperty({ type: 'integer' }) completionWindowSeconds!: number;
  @ApiProperty({ type: 'integer' }) paymentWindowSeconds!: number;
  @ApiProperty() virtualCompletion!: boolean;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(campaign: GroupBuyCampaign): CampaignDto {
    return {
      id: campaign.id,
      productId: campaign.productId,
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
