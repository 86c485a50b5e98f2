import { Body, Controller, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
import { CampaignRoute } from '../../platform/campaigns/campaign-routes';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateLuckyDrawDto, UpdateLuckyDrawDto } from './dto/create-lucky-draw.dto';
import { LuckyDrawDto, LuckyDrawPageDto, LuckyDrawTimelineDto } from './dto/lucky-draw.dto';
import { LuckyDrawsService } from './lucky-draws.service';

@ApiTags('merchant: lucky draws')
@MerchantAuth()
@Controller('v1/merchant/lucky-draws')
export class MerchantLuckyDrawsController {
  constructor(private readonly campaigns: LuckyDrawsService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: LuckyDrawDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateLuckyDrawDto): Promise<LuckyDrawDto> {
    return this.campaigns.create(merchantId, body);
  }

  @CampaignRoute.list(LuckyDrawPageDto)
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<LuckyDrawPageDto> {
    return this.campaigns.listForMerchant(merchantId, query);
  }

  @CampaignRoute.get(LuckyDrawDto)
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<LuckyDrawDto> {
    return this.campaigns.getForMerchant(merchantId, id);
  }

  @CampaignRoute.update(LuckyDrawDto, { stock: true })
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateLuckyDrawDto,
  ): Promise<LuckyDrawDto> {
    return this.campaigns.update(merchantId, id, body);
  }

  @CampaignRoute.end(LuckyDrawDto, 'status "ended", revealedSeed set')
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<LuckyDrawDto> {
    return this.campaigns.end(merchantId, id);
  }

  @CampaignRoute.timeline(LuckyDrawTimelineDto)
  timeline(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: TimelineQuery,
  ): Promise<LuckyDrawTimelineDto> {
    return this.campaigns.timeline(merchantId, id, query.bucket);
  }
}
