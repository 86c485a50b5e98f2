import { Body, Controller, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
import { CampaignRoute } from '../../platform/campaigns/campaign-routes';
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

  @CampaignRoute.list(MerchantFlashSalePageDto, 'Newest first, each with its stats; q matches the product name')
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<MerchantFlashSalePageDto> {
    return this.sales.listForMerchant(merchantId, query);
  }

  @CampaignRoute.get(MerchantFlashSaleDto)
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantFlashSaleDto> {
    return this.sales.getForMerchant(merchantId, id);
  }

  @CampaignRoute.update(MerchantFlashSaleDto, {
    stock: true,
    description: 'Before the start any field; after it only a later endsAt and more totalStock, sold at once',
  })
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateFlashSaleDto,
  ): Promise<MerchantFlashSaleDto> {
    return this.sales.update(merchantId, id, body);
  }

  @CampaignRoute.end(
    MerchantFlashSaleDto,
    'status "ended": no purchase starts from it; held orders may still be paid until they expire',
  )
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantFlashSaleDto> {
    return this.sales.end(merchantId, id);
  }

  @CampaignRoute.timeline(FlashSaleTimelineDto)
  timeline(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: TimelineQuery,
  ): Promise<FlashSaleTimelineDto> {
    return this.sales.timeline(merchantId, id, query.bucket);
  }
}
