import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { PageQuery } from '../../platform/http/pagination';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import {
  CreateGiftCardProductDto,
  GiftCardProductDto,
  MerchantGiftCardProductPageDto,
} from './dto/gift-card-product.dto';
import { GeneratedGiftCardCodesDto, GenerateGiftCardCodesDto, LiabilityDto } from './dto/gift-card.dto';
import { GiftCardCodesService } from './gift-card-codes.service';
import { GiftCardLiabilityService } from './gift-card-liability.service';
import { GiftCardProductsService } from './gift-card-products.service';

@ApiTags('merchant: gift cards')
@MerchantAuth()
@Controller('v1/merchant')
export class MerchantGiftCardsController {
  constructor(
    private readonly products: GiftCardProductsService,
    private readonly codes: GiftCardCodesService,
    private readonly liability: GiftCardLiabilityService,
  ) {}

  @Post('gift-card-products')
  @Idempotent()
  @ApiCreatedResponse({ type: GiftCardProductDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateGiftCardProductDto): Promise<GiftCardProductDto> {
    return this.products.create(merchantId, body);
  }

  @Get('gift-card-products')
  @ApiOkResponse({ type: MerchantGiftCardProductPageDto, description: 'Newest first, each with its stats' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@CurrentMerchant() merchantId: string, @Query() query: PageQuery): Promise<MerchantGiftCardProductPageDto> {
    return this.products.listForMerchant(merchantId, query);
  }

  /** Cards for offline sale: each code and PIN is in this answer only (an Idempotency-Key replay keeps it sealed). */
  @Post('gift-card-products/:id/codes')
  @Idempotent({ sealResponse: true })
  @ApiCreatedResponse({ type: GeneratedGiftCardCodesDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  async generateCodes(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: GenerateGiftCardCodesDto,
  ): Promise<GeneratedGiftCardCodesDto> {
    return { codes: await this.codes.generate(merchantId, id, body.count) };
  }

  @Get('gift-cards/liability')
  @ApiOkResponse({
    type: LiabilityDto,
    description: 'Sums over the ledger: issuedFen + refundedToCardsFen = outstandingFen + redeemedFen + expiredFen',
  })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN')
  getLiability(@CurrentMerchant() merchantId: string): Promise<LiabilityDto> {
    return this.liability.report(merchantId);
  }
}
