import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
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

  @Get()
  @ApiOkResponse({
    type: MerchantCampaignPageDto,
    description: 'Newest first, each with its stats; q matches the product name',
  })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<MerchantCampaignPageDto> {
    return this.campaigns.listForMerchant(merchantId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: MerchantCampaignDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantCampaignDto> {
    return this.campaigns.getForMerchant(merchantId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: MerchantCampaignDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CAMPAIGN_LOCKED')
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateCampaignDto,
  ): Promise<MerchantCampaignDto> {
    return this.campaigns.update(merchantId, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: MerchantCampaignDto, description: 'status "ended"; open rooms run to their deadline' })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantCampaignDto> {
    return this.campaigns.end(merchantId, id);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: CampaignTimelineDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  timeline(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: TimelineQuery,
  ): Promise<CampaignTimelineDto> {
    return this.campaigns.timeline(merchantId, id, query.bucket);
  }
}
