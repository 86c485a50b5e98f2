import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { COUPON_STATUSES, CouponStatus } from '../domain/coupon-status';

export class WalletQuery extends PageQuery {
  @ApiPropertyOptional({ enum: COUPON_STATUSES, description: 'Only coupons that read this status now' })
  @IsOptional()
  @IsIn(COUPON_STATUSES)
  status?: CouponStatus;
}

export class ClaimableTemplatesQuery extends PageQuery {
  @ApiPropertyOptional({ description: "Only this merchant's templates" })
  @IsOptional()
  @IsUUID()
  merchantId?: string;
}
