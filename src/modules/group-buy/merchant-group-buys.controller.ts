import { Body, Controller, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
import { CampaignRoute } from '../../platform/campaigns/campaign-routes';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CampaignDto, CampaignTimelineDto, MerchantCampaignDto, MerchantCampaignPageDto } from './dto/campaign.dto';
import { CreateCampaignDto, UpdateCampaignDto } from './dto/create-campaign.dto';
import { GroupBuyCampaignsService } from './group-buy-campaigns.service';

@ApiTags('merchant: group-buys')
@MerchantAuth()
@Controller('v1/merchant/group-buys')
export class MerchantGroupBuysController {
  constructor(private readonly campaigns: GroupBuyCampaignsService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: CampaignDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(merchantId, body);
  }

  @CampaignRoute.list(MerchantCampaignPageDto, 'Newest first, each with its stats; q matches the product name')
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<MerchantCampaignPageDto> {
    return this.campaigns.listForMerchant(merchantId, query);
  }

  @CampaignRoute.get(MerchantCampaignDto)
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantCampaignDto> {
    return this.campaigns.getForMerchant(merchantId, id);
  }

  @CampaignRoute.update(MerchantCampaignDto, { stock: false })
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateCampaignDto,
  ): Promise<MerchantCampaignDto> {
    return this.campaigns.update(merchantId, id, body);
  }

  @CampaignRoute.end(MerchantCampaignDto, 'status "ended"; open rooms run to their deadline')
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantCampaignDto> {
    return this.campaigns.end(merchantId, id);
  }

  @CampaignRoute.timeline(CampaignTimelineDto)
  timeline(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: TimelineQuery,
  ): Promise<CampaignTimelineDto> {
    return this.campaigns.timeline(merchantId, id, query.bucket);
  }
}
