import { Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { CouponClaimsService } from './coupon-claims.service';
import { CouponTemplatesService } from './coupon-templates.service';
import { ClaimableTemplatesQuery } from './dto/coupon-queries.dto';
import { CouponDto } from './dto/coupon.dto';
import { ClaimableTemplatePageDto } from './dto/template.dto';

@ApiTags('coupons')
@ShopperAuth()
@Controller('v1/coupon-templates')
export class CouponTemplatesController {
  constructor(
    private readonly templates: CouponTemplatesService,
    private readonly claims: CouponClaimsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: ClaimableTemplatePageDto, description: 'Public templates open for claims and not sold out' })
  list(@Query() query: ClaimableTemplatesQuery): Promise<ClaimableTemplatePageDto> {
    return this.templates.listClaimable(query);
  }

  @Post(':id/claim')
  @Idempotent()
  @ApiCreatedResponse({ type: CouponDto })
  @ApiErrorResponses('COUPON_SOLD_OUT', 'COUPON_LIMIT_REACHED', 'COUPON_NOT_CLAIMABLE')
  claim(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<CouponDto> {
    return this.claims.claim(shopper.userId, id);
  }
}
