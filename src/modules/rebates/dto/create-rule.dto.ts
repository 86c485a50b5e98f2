import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Length,
} from 'class-validator';
import { IsFen, IsIntIn } from '../../../platform/validation/decorators';
import { REBATE_KINDS, RebateKind } from '../domain/rebate-amount';

export const MAX_SCOPED_PRODUCTS = 200;
export const MAX_DELAY_SECONDS = 90 * 24 * 60 * 60;
/** 7 days, the refund window a shop usually grants: a rebate is paid once its order can hardly be refunded. */
export const DEFAULT_DELAY_SECONDS = 7 * 24 * 60 * 60;
const isoDate = { strict: true, strictSeparator: true };

export class CreateRebateRuleDto {
  @ApiProperty({ minLength: 1, maxLength: 100 })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiPropertyOptional({ type: [String], nullable: true, description: 'null or absent: every product' })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPED_PRODUCTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  productIds?: string[] | null;

  @IsFen({ optional: true, description: 'Minimum eligible paid amount (default 0)' })
  minOrderFen?: number;

  @ApiProperty({ enum: REBATE_KINDS })
  @IsIn(REBATE_KINDS)
  kind!: RebateKind;

  @IsFen({ optional: true, description: 'fixed: the rebate (10-20000 fen)' })
  valueFen?: number | null;

  @IsIntIn(1, 100, { optional: true, description: 'percent: percent of the eligible paid amount' })
  percent?: number | null;

  @IsFen({ optional: true, description: 'percent: cap (10-20000 fen); null or absent = the transfer maximum' })
  maxRebateFen?: number | null;

  @IsIntIn(0, MAX_DELAY_SECONDS, {
    optional: true,
    description: 'Seconds after payment before paying (default 604800, 7 days: the usual refund window)',
  })
  delaySeconds?: number;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(isoDate)
  startsAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(isoDate)
  endsAt!: string;
}

/** `PATCH /v1/merchant/rebate-rules/:id`: any creation field before the start; after it the name and a later endsAt. */
export class UpdateRebateRuleDto extends PartialType(CreateRebateRuleDto, { skipNullProperties: false }) {}
