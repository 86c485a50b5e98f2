import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { IsIntIn } from '../../../platform/validation/decorators';
import type { CouponCodeStatus } from '../entities/coupon-code.entity';

const CODE_STATUSES: readonly CouponCodeStatus[] = ['unused', 'redeemed'];

export class GenerateCodesDto {
  @IsIntIn(1, 10_000, { description: 'How many codes to make (1-10000)' })
  count!: number;
}

export class GeneratedCodesDto {
  @ApiProperty({ type: [String], description: 'Also listed later, to this merchant only (stored sealed)' })
  codes!: string[];
}

export class RedeemCodeDto {
  @ApiProperty({ minLength: 1, maxLength: 64, example: 'K7QM-3XHT-9PWA', description: 'Case and dashes ignored' })
  @IsString()
  @Length(1, 64)
  code!: string;
}

export class CodeListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: CODE_STATUSES })
  @IsOptional()
  @IsIn(CODE_STATUSES)
  status?: CouponCodeStatus;
}

export class ListedCodeDto {
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'null for codes made before codes were kept sealed, or sealed under a JWT_SECRET since changed',
  })
  code!: string | null;

  @ApiProperty({ enum: CODE_STATUSES }) status!: CouponCodeStatus;
  @ApiProperty({ type: String, nullable: true }) couponId!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) redeemedAt!: string | null;
}

export class ListedCodePageDto {
  @ApiProperty({ type: [ListedCodeDto] }) items!: ListedCodeDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
