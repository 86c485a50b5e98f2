import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsObject, IsString, IsUUID, ValidateNested } from 'class-validator';
import { IsIntIn } from '../../../platform/validation/decorators';
import type { InapplicableReason } from '../domain/coupon-terms';

const REASONS: InapplicableReason[] = [
  'BELOW_MIN_SPEND',
  'PRODUCT_NOT_ELIGIBLE',
  'NOT_YET_VALID',
  'EXPIRED',
  'OTHER_MERCHANT',
];

export class QuoteItemInput {
  @ApiProperty()
  @IsString()
  @IsUUID()
  productId!: string;

  @IsIntIn(1, 9999)
  quantity!: number;
}

export class QuoteDto {
  @ApiProperty({ type: [QuoteItemInput], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  // An element that is itself an array would pass ValidateNested unchecked.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => QuoteItemInput)
  items!: QuoteItemInput[];
}

export class QuoteOptionDto {
  @ApiProperty() couponId!: string;
  @ApiProperty({ type: 'integer', description: 'What an order of these items would take off with it' })
  discountFen!: number;
}

export class NotApplicableDto {
  @ApiProperty() couponId!: string;
  @ApiProperty({ enum: REASONS }) reason!: InapplicableReason;
}

export class QuoteResultDto {
  @ApiProperty({ type: 'integer' }) subtotalFen!: number;
  @ApiProperty({ type: QuoteOptionDto, nullable: true }) best!: QuoteOptionDto | null;
  @ApiProperty({ type: [QuoteOptionDto], description: 'Best first' }) options!: QuoteOptionDto[];
  @ApiProperty({ type: [NotApplicableDto] }) notApplicable!: NotApplicableDto[];
}
