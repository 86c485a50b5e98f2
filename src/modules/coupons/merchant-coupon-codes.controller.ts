import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { CouponCodesService } from './coupon-codes.service';
import { CodeListQuery, ListedCodePageDto } from './dto/codes.dto';

@ApiTags('merchant: coupons')
@MerchantAuth()
@Controller('v1/merchant/coupon-templates')
export class MerchantCouponCodesController {
  constructor(private readonly codes: CouponCodesService) {}

  @Get(':id/codes')
  @ApiOkResponse({ type: ListedCodePageDto, description: 'Newest first' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  list(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: CodeListQuery,
  ): Promise<ListedCodePageDto> {
    return this.codes.list(merchantId, id, query);
  }
}
