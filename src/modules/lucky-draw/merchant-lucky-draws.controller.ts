import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
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

  @Get()
  @ApiOkResponse({ type: LuckyDrawPageDto, description: 'Newest first, each with its stats' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<LuckyDrawPageDto> {
    return this.campaigns.listForMerchant(merchantId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: LuckyDrawDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<LuckyDrawDto> {
    return this.campaigns.getForMerchant(merchantId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: LuckyDrawDto })
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
    @Body() body: UpdateLuckyDrawDto,
  ): Promise<LuckyDrawDto> {
    return this.campaigns.update(merchantId, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: LuckyDrawDto, description: 'status "ended", revealedSeed set' })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<LuckyDrawDto> {
    return this.campaigns.end(merchantId, id);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: LuckyDrawTimelineDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  timeline(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: TimelineQuery,
  ): Promise<LuckyDrawTimelineDto> {
    return this.campaigns.timeline(merchantId, id, query.bucket);
  }
}
