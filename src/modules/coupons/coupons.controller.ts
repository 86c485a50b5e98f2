import { Body, Controller, Get, HttpCode, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { CodeAttemptGuard, CodeAttemptTicket } from './attempts/code-attempt.guard';
import { CouponCodesService } from './coupon-codes.service';
import { CouponWalletService } from './coupon-wallet.service';
import { RedeemCodeDto } from './dto/codes.dto';
import { WalletQuery } from './dto/coupon-queries.dto';
import { CouponDto, CouponPageDto } from './dto/coupon.dto';
import { QuoteDto, QuoteResultDto } from './dto/quote.dto';

@ApiTags('coupons')
@ShopperAuth()
@Controller('v1')
export class CouponsController {
  constructor(
    private readonly codes: CouponCodesService,
    private readonly wallet: CouponWalletService,
  ) {}

  @Post('coupons/redeem-code')
  @UseGuards(CodeAttemptGuard)
  @Idempotent()
  @ApiCreatedResponse({ type: CouponDto, description: 'At most 10 failed attempts a minute per shopper, then 429' })
  @ApiErrorResponses(
    'COUPON_CODE_INVALID',
    'NOT_FOUND',
    'COUPON_CODE_USED',
    'COUPON_NOT_CLAIMABLE',
    'COUPON_SOLD_OUT',
    'COUPON_LIMIT_REACHED',
    'RATE_LIMITED',
    'SERVICE_UNAVAILABLE',
  )
  redeem(
    @CurrentShopper() shopper: ShopperCaller,
    @CodeAttemptTicket() ticket: string,
    @Body() body: RedeemCodeDto,
  ): Promise<CouponDto> {
    return this.codes.redeem(shopper.userId, body.code, ticket);
  }

  @Post('coupons/quote')
  @HttpCode(200)
  @ApiOkResponse({ type: QuoteResultDto })
  @ApiErrorResponses('NOT_FOUND')
  quote(@CurrentShopper() shopper: ShopperCaller, @Body() body: QuoteDto): Promise<QuoteResultDto> {
    return this.wallet.quote(shopper.userId, body.items);
  }

  @Get('me/coupons')
  @ApiOkResponse({ type: CouponPageDto })
  list(@CurrentShopper() shopper: ShopperCaller, @Query() query: WalletQuery): Promise<CouponPageDto> {
    return this.wallet.list(shopper.userId, query);
  }
}
