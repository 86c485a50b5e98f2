import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
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
import { COUPON_TYPES, CouponType, DISTRIBUTIONS, Distribution } from '../domain/coupon-terms';

export const MAX_TOTAL_QUANTITY = 10_000_000;
export const MAX_VALIDITY_DAYS = 3650;
export const MAX_SCOPED_PRODUCTS = 200;

const isoDate = { strict: true, strictSeparator: true };

export class ValidityInput {
  @ApiProperty({ enum: ['absolute', 'relative'] })
  @IsIn(['absolute', 'relative'])
  type!: 'absolute' | 'relative';

  @ApiPropertyOptional({ format: 'date-time', description: 'absolute: first instant the coupon works' })
  @IsOptional()
  @IsISO8601(isoDate)
  startsAt?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'absolute: first instant it no longer works' })
  @IsOptional()
  @IsISO8601(isoDate)
  endsAt?: string;

  @IsIntIn(1, MAX_VALIDITY_DAYS, { optional: true, description: 'relative: days from the moment of issue' })
  days?: number;
}

export class CreateTemplateDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: '满100减20' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @ApiProperty({ enum: COUPON_TYPES })
  @IsIn(COUPON_TYPES)
  type!: CouponType;

  @IsFen({ min: 1, optional: true, description: 'amount_off: fen taken off' })
  valueFen?: number;

  @IsIntIn(1, 99, { optional: true, description: 'percent_off: percent taken off (1-99)' })
  percentOff?: number;

  @IsFen({ min: 1, optional: true, description: 'percent_off: cap in fen; null or absent = no cap' })
  maxDiscountFen?: number | null;

  @IsFen({ optional: true, description: 'Minimum spend on eligible products, in fen (default 0)' })
  minSpendFen?: number;

  @ApiProperty({ enum: DISTRIBUTIONS })
  @IsIn(DISTRIBUTIONS)
  distribution!: Distribution;

  @IsIntIn(1, MAX_TOTAL_QUANTITY, { description: 'Coupons this template may issue in all' })
  totalQuantity!: number;

  @IsIntIn(1, MAX_TOTAL_QUANTITY, { optional: true, description: 'Coupons one shopper may get (default 1)' })
  perUserLimit?: number;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(isoDate)
  claimStartsAt!: string;

  @ApiProperty({ format: 'date-time' })
  @IsISO8601(isoDate)
  claimEndsAt!: string;

  @ApiProperty({ type: ValidityInput })
  // An array would pass ValidateNested unchecked.
  @IsObject()
  @ValidateNested()
  @Type(() => ValidityInput)
  validity!: ValidityInput;

  @ApiPropertyOptional({
    type: [String],
    nullable: true,
    description: `Products the coupon covers (1-${MAX_SCOPED_PRODUCTS} of this merchant's); null or absent = all`,
  })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(MAX_SCOPED_PRODUCTS)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  productIds?: string[] | null;
}

/**
 * `PATCH /v1/merchant/coupon-templates/:id`: any creation field. Before claims open anything may change (checked as
 * at creation); once open only name, a later claimEndsAt and a larger totalQuantity.
 */
export class UpdateTemplateDto extends PartialType(CreateTemplateDto, { skipNullProperties: false }) {}
