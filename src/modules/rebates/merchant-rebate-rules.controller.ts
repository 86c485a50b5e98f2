import { Body, Controller, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { CampaignListQuery } from '../../platform/campaigns/campaign-list.query';
import { TimelineQuery } from '../../platform/campaigns/timeline.query';
import { CampaignRoute } from '../../platform/campaigns/campaign-routes';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateRebateRuleDto, UpdateRebateRuleDto } from './dto/create-rule.dto';
import { RebateRuleDto, RebateRulePageDto, RebateRuleTimelineDto } from './dto/rebate.dto';
import { RebateRulesService } from './rebate-rules.service';

@ApiTags('merchant: rebates')
@MerchantAuth()
@Controller('v1/merchant/rebate-rules')
export class MerchantRebateRulesController {
  constructor(private readonly rules: RebateRulesService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: RebateRuleDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateRebateRuleDto): Promise<RebateRuleDto> {
    return this.rules.create(merchantId, body);
  }

  @CampaignRoute.list(RebateRulePageDto)
  list(@CurrentMerchant() merchantId: string, @Query() query: CampaignListQuery): Promise<RebateRulePageDto> {
    return this.rules.listForMerchant(merchantId, query);
  }

  @CampaignRoute.get(RebateRuleDto)
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<RebateRuleDto> {
    return this.rules.getForMerchant(merchantId, id);
  }

  @CampaignRoute.update(RebateRuleDto, { stock: false })
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateRebateRuleDto,
  ): Promise<RebateRuleDto> {
    return this.rules.update(merchantId, id, body);
  }

  @CampaignRoute.end(RebateRuleDto, 'status "ended"; rebates already earned are still paid')
  end(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<RebateRuleDto> {
    return this.rules.end(merchantId, id);
  }

  @CampaignRoute.timeline(RebateRuleTimelineDto)
  timeline(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Query() query: TimelineQuery,
  ): Promise<RebateRuleTimelineDto> {
    return this.rules.timeline(merchantId, id, query.bucket);
  }
}
