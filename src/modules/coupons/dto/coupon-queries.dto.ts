import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { COUPON_LIFECYCLE, CouponStatus } from '../domain/coupon-status';

export class WalletQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COUPON_LIFECYCLE.states, description: 'Only coupons that read this status now' })
  @IsOptional()
  @IsIn(COUPON_LIFECYCLE.states)
  status?: CouponStatus;
}

export class ClaimableTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({ description: "Only this merchant's templates" })
  @IsOptional()
  @IsUUID()
  merchantId?: string;
}
