import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsISO8601,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  ValidateNested,
} from 'class-validator';
import { IsFen, IsIntIn } from '../../../platform/validation/decorators';
import { PRIZE_KINDS, PrizeKind } from '../domain/campaign-rules';

export const MAX_PRIZES = 50;
export const MAX_WEIGHT = 1_000_000;
export const MAX_STOCK = 10_000_000;
const isoDate = { strict: true, strictSeparator: true };

export class PrizeInput {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: PRIZE_KINDS })
  @IsIn(PRIZE_KINDS)
  kind!: PrizeKind;

  @IsIntIn(1, MAX_WEIGHT, { description: 'Chance of this prize = weight / Σ weights' })
  weight!: number;

  @IsIntIn(0, MAX_STOCK, { optional: true, description: 'Units to award in all; null or absent = unlimited' })
  stock?: number | null;

  @ApiPropertyOptional({ description: 'coupon: a prize-distribution template of this merchant' })
  @IsOptional()
  @IsUUID('all')
  couponTemplateId?: string | null;

  @IsFen({ optional: true, description: 'cash: amount paid by transfer (10-20000 fen)' })
  cashFen?: number | null;
}

export class CreateLuckyDrawDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(isoDate)
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(isoDate)
  endsAt!: string;

  @IsIntIn(1, 1000, { optional: true, description: 'Draws per shopper per day (default 1)' })
  drawsPerUserPerDay?: number;

  @IsIntIn(0, 1000, { optional: true, description: 'Extra draws a day from sharing, at most (default 0)' })
  shareBonusDrawsPerDay?: number;

  @ApiPropertyOptional({ description: 'IANA time zone days are counted in (default Asia/Shanghai)' })
  @IsOptional()
  @IsString()
  @Length(1, 64)
  timezone?: string;

  @ApiProperty({ type: [PrizeInput], minItems: 1, maxItems: MAX_PRIZES })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_PRIZES)
  // An element that is itself an array would pass ValidateNested unchecked.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PrizeInput)
  prizes!: PrizeInput[];
}

/**
 * `PATCH /v1/merchant/lucky-draws/:id`: any creation field before the start (prizes given are the new list); after
 * it the name, a later endsAt, and the same prizes in the same order with more `stock` each (null = unlimited).
 */
export class UpdateLuckyDrawDto extends PartialType(CreateLuckyDrawDto, { skipNullProperties: false }) {}
