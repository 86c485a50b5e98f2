import { Body, Controller, Get, Param, Post, Query, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ShopperAuth } from '../../platform/auth/auth.decorators';
import { CurrentShopper, ShopperCaller } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { PageQuery } from '../../platform/http/pagination';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CodeAttemptGuard, CodeAttemptTicket } from '../coupons/attempts/code-attempt.guard';
import { OrderDto } from '../orders/dto/order.dto';
import { GiftCardProductPageDto, GiftCardProductsQuery } from './dto/gift-card-product.dto';
import {
  ClaimGiftCardDto,
  GiftCardDto,
  GiftCardPageDto,
  GiftCardWalletQuery,
  GiftOfferDto,
  GiveGiftCardDto,
  LedgerPageDto,
  PurchaseGiftCardsDto,
  RedeemGiftCardCodeDto,
} from './dto/gift-card.dto';
import { GiftCardCodesService } from './gift-card-codes.service';
import { GiftCardGiftingService } from './gift-card-gifting.service';
import { GiftCardProductsService } from './gift-card-products.service';
import { GiftCardPurchasesService } from './gift-card-purchases.service';
import { GiftCardWalletService } from './gift-card-wallet.service';

@ApiTags('gift cards')
@ShopperAuth()
@Controller('v1')
export class GiftCardsController {
  constructor(
    private readonly products: GiftCardProductsService,
    private readonly purchases: GiftCardPurchasesService,
    private readonly wallet: GiftCardWalletService,
    private readonly gifting: GiftCardGiftingService,
    private readonly codes: GiftCardCodesService,
  ) {}

  @Get('gift-card-products')
  @ApiOkResponse({ type: GiftCardProductPageDto, description: "The merchant's cards on sale, newest first" })
  @ApiErrorResponses('VALIDATION_FAILED')
  listProducts(@Query() query: GiftCardProductsQuery): Promise<GiftCardProductPageDto> {
    return this.products.listForShoppers(query);
  }

  @Post('gift-cards/purchase')
  @Idempotent({ ownTransactions: true })
  @ApiCreatedResponse({ type: OrderDto, description: 'A gift_card order; its cards are issued when it is paid' })
  @ApiErrorResponses('VALIDATION_FAILED', 'NOT_FOUND', 'PAYMENT_PROVIDER_UNAVAILABLE')
  purchase(@CurrentShopper() shopper: ShopperCaller, @Body() body: PurchaseGiftCardsDto): Promise<OrderDto> {
    return this.purchases.purchase(shopper, body);
  }

  @Get('me/gift-cards')
  @ApiOkResponse({ type: GiftCardPageDto, description: 'Newest first' })
  @ApiErrorResponses('VALIDATION_FAILED')
  list(@CurrentShopper() shopper: ShopperCaller, @Query() query: GiftCardWalletQuery): Promise<GiftCardPageDto> {
    return this.wallet.list(shopper.userId, query);
  }

  @Get('me/gift-cards/:id')
  @ApiOkResponse({ type: GiftCardDto })
  @ApiErrorResponses('NOT_FOUND')
  get(@CurrentShopper() shopper: ShopperCaller, @Param('id') id: string): Promise<GiftCardDto> {
    return this.wallet.get(shopper.userId, id);
  }

  @Get('me/gift-cards/:id/transactions')
  @ApiOkResponse({ type: LedgerPageDto, description: "The card's ledger, newest first" })
  @ApiErrorResponses('VALIDATION_FAILED', 'NOT_FOUND')
  transactions(
    @CurrentShopper() shopper: ShopperCaller,
    @Param('id') id: string,
    @Query() query: PageQuery,
  ): Promise<LedgerPageDto> {
    return this.wallet.transactions(shopper.userId, id, query);
  }

  @Post('gift-cards/:id/gift')
  @Idempotent()
  @ApiCreatedResponse({ type: GiftOfferDto, description: 'The card is gifting; unclaimed after 24 h it returns' })
  @ApiErrorResponses('VALIDATION_FAILED', 'NOT_FOUND', 'GIFT_CARD_NOT_USABLE', 'IDEMPOTENCY_KEY_REUSED')
  give(
    @CurrentShopper() shopper: ShopperCaller,
    @Param('id') id: string,
    @Body() body: GiveGiftCardDto,
  ): Promise<GiftOfferDto> {
    return this.gifting.give(shopper.userId, id, body.message ?? null);
  }

  @Post('gift-cards/claim')
  @Idempotent()
  @ApiCreatedResponse({ type: GiftCardDto, description: 'The card, now the caller’s' })
  @ApiErrorResponses(
    'VALIDATION_FAILED',
    'NOT_FOUND',
    'FORBIDDEN',
    'GIFT_CARD_ALREADY_CLAIMED',
    'GIFT_CARD_NOT_USABLE',
    'IDEMPOTENCY_KEY_REUSED',
  )
  claim(@CurrentShopper() shopper: ShopperCaller, @Body() body: ClaimGiftCardDto): Promise<GiftCardDto> {
    return this.gifting.claim(shopper.userId, body.shareToken);
  }

  @Post('gift-cards/redeem-code')
  @UseGuards(CodeAttemptGuard)
  @Idempotent()
  @ApiCreatedResponse({
    type: GiftCardDto,
    description: 'At most 10 failed code attempts a minute per shopper (coupon and gift card codes together), then 429',
  })
  @ApiErrorResponses('VALIDATION_FAILED', 'GIFT_CARD_CODE_INVALID', 'RATE_LIMITED', 'SERVICE_UNAVAILABLE')
  redeem(
    @CurrentShopper() shopper: ShopperCaller,
    @CodeAttemptTicket() ticket: string,
    @Body() body: RedeemGiftCardCodeDto,
  ): Promise<GiftCardDto> {
    return this.codes.redeem(shopper.userId, body.code, body.pin, ticket);
  }
}
