import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateRebateRuleDto } from './dto/create-rule.dto';
import { RebateRuleDto } from './dto/rebate.dto';
import { RebateRulesService } from './rebate-rules.service';

@ApiTags('merchant: rebates')
@MerchantAuth()
@Controller('v1/merchant/rebate-rules')
export class MerchantRebateRulesController {
  constructor(private readonly rules: RebateRulesService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: RebateRuleDto })
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateRebateRuleDto): Promise<RebateRuleDto> {
    return this.rules.create(merchantId, body);
  }
}
