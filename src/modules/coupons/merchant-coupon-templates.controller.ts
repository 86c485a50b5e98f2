import { Body, Controller, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { CampaignRoute } from '../../platform/campaigns/campaign-routes';
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

  @CampaignRoute.list(TemplatePageDto)
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<TemplatePageDto> {
    return this.templates.listForMerchant(merchantId, query);
  }

  @CampaignRoute.get(TemplateDto)
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<TemplateDto> {
    return this.templates.getForMerchant(merchantId, id);
  }

  @CampaignRoute.update(TemplateDto, { stock: true })
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateTemplateDto,
  ): Promise<TemplateDto> {
    return this.templates.update(merchantId, id, body);
  }

  @CampaignRoute.end(TemplateDto, 'status "ended"; issued coupons stay valid')
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<TemplateDto> {
    return this.templates.end(merchantId, id);
  }

  @CampaignRoute.timeline(TemplateTimelineDto)
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
