import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { IsBoolean, IsISO8601, IsOptional, IsString, IsUUID } from 'class-validator';
import { IsFen, IsIntIn } from '../../../platform/validation/decorators';
import { COMPLETION_WINDOW_SECONDS, GROUP_SIZE, PAYMENT_WINDOW_SECONDS } from '../domain/campaign-rules';

const isoDate = { strict: true, strictSeparator: true };

export class CreateCampaignDto {
  @ApiProperty({ description: 'One of your products' })
  @IsString()
  @IsUUID()
  productId!: string;

  @IsFen({ min: 1, description: "What each member pays, in fen (at most the product's price)" })
  groupPriceFen!: number;

  @IsFen({ min: 1, optional: true, description: 'What the leader pays (at most groupPriceFen); null: groupPriceFen' })
  leaderPriceFen?: number | null;

  @IsIntIn(GROUP_SIZE.min, GROUP_SIZE.max, { description: 'Seats in a room, the leader included' })
  groupSize!: number;

  @IsIntIn(COMPLETION_WINDOW_SECONDS.min, COMPLETION_WINDOW_SECONDS.max, {
    description: "Seconds an open room has to fill, from the leader's payment",
  })
  completionWindowSeconds!: number;

  @IsIntIn(PAYMENT_WINDOW_SECONDS.min, PAYMENT_WINDOW_SECONDS.max, {
    optional: true,
    description: `Seconds a seat is held awaiting payment (default ${PAYMENT_WINDOW_SECONDS.default})`,
  })
  paymentWindowSeconds?: number;

  @ApiPropertyOptional({ default: false, description: 'An unfilled room completes as it stands instead of failing' })
  @IsOptional()
  @IsBoolean()
  virtualCompletion?: boolean;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(isoDate)
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(isoDate)
  endsAt!: string;
}

/** `PATCH /v1/merchant/group-buys/:id`: any creation field before the start; after it only a later endsAt. */
export class UpdateCampaignDto extends PartialType(CreateCampaignDto, { skipNullProperties: false }) {}
