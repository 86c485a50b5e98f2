import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CouponCodesService } from './coupon-codes.service';
import { CouponTemplatesService } from './coupon-templates.service';
import { GenerateCodesDto, GeneratedCodesDto } from './dto/codes.dto';
import { CreateTemplateDto, UpdateTemplateDto } from './dto/create-template.dto';
import { TemplateDto, TemplatePageDto, TemplateTimelineDto } from './dto/template.dto';

@ApiTags('merchant: coupons')
@MerchantAuth()
@Controller('v1/merchant/coupon-templates')
export class MerchantCouponTemplatesController {
  constructor(
    private readonly templates: CouponTemplatesService,
    private readonly codes: CouponCodesService,
  ) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: TemplateDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateTemplateDto): Promise<TemplateDto> {
    return this.templates.create(merchantId, body);
  }

  @Get()
  @ApiOkResponse({ type: TemplatePageDto, description: 'Newest first, each with its stats' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<TemplatePageDto> {
    return this.templates.listForMerchant(merchantId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: TemplateDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<TemplateDto> {
    return this.templates.getForMerchant(merchantId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: TemplateDto })
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
    @Body() body: UpdateTemplateDto,
  ): Promise<TemplateDto> {
    return this.templates.update(merchantId, id, body);
  }

  @Post(':id/end')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: TemplateDto, description: 'status "ended"; issued coupons stay valid' })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'IDEMPOTENCY_KEY_REUSED')
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<TemplateDto> {
    return this.templates.end(merchantId, id);
  }

  @Get(':id/timeline')
  @ApiOkResponse({ type: TemplateTimelineDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  timeline(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: TimelineQuery,
  ): Promise<TemplateTimelineDto> {
    return this.templates.timeline(merchantId, id, query.bucket);
  }

  /** Codes are shown once; a replay with the same Idempotency-Key returns them from a sealed copy. */
  @Post(':id/codes')
  @Idempotent({ sealResponse: true })
  @ApiCreatedResponse({ type: GeneratedCodesDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'COUPON_NOT_CLAIMABLE')
  async generateCodes(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: GenerateCodesDto,
  ): Promise<GeneratedCodesDto> {
    return { codes: await this.codes.generate(merchantId, id, body.count) };
  }
}
