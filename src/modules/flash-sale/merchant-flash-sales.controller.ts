import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateFlashSaleDto, UpdateFlashSaleDto } from './dto/create-flash-sale.dto';
import { FlashSaleTimelineDto, MerchantFlashSaleDto, MerchantFlashSalePageDto } from './dto/flash-sale.dto';
import { FlashSalesService } from './flash-sales.service';

@ApiTags('merchant: flash sales')
@MerchantAuth()
@Controller('v1/merchant/flash-sales')
export class MerchantFlashSalesController {
  constructor(private readonly sales: FlashSalesService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: MerchantFlashSaleDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateFlashSaleDto): Promise<MerchantFlashSaleDto> {
    return this.sales.create(merchantId, body);
  }

  @Get()
  @ApiOkResponse({
    type: MerchantFlashSalePageDto,
    description: 'Newest first, each with its stats; q matches the product name',
  })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<MerchantFlashSalePageDto> {
    return this.sales.listForMerchant(merchantId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: MerchantFlashSaleDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantFlashSaleDto> {
    return this.sales.getForMerchant(merchantId, id);
  }

  @Patch(':id')
  @ApiOkResponse({
    type: MerchantFlashSaleDto,
    description: 'Before the start any field; after it only a later endsAt and more totalStock, sold at once',
  })
  @ApiErrorResponses(
    'VALIDATION_FAILED',
    'UNAUTHENTICATED',
    'FORBIDDEN',
    'NOT_FOUND',
    'CAMPAIGN_LOCKED',
    'CAMPAIGN_STOCK_BELOW_TAKEN',
  )
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateFlashSaleDto,
  ): Promise<MerchantFlashSaleDto> {
    return this.sales.update(merchantId, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({
    type: MerchantFlashSaleDto,
    description: 'status "ended": no purchase starts from it; held orders may still be paid until they expire',
  })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantFlashSaleDto> {
    return this.sales.end(merchantId, id);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: FlashSaleTimelineDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  timeline(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: TimelineQuery,
  ): Promise<FlashSaleTimelineDto> {
    return this.sales.timeline(merchantId, id, query.bucket);
  }
}
