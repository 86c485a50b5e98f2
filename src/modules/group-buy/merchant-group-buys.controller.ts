import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CampaignDto, MerchantCampaignDto } from './dto/campaign.dto';
import { CreateCampaignDto } from './dto/create-campaign.dto';
import { GroupBuyCampaignsService } from './group-buy-campaigns.service';

@ApiTags('merchant: group-buys')
@MerchantAuth()
@Controller('v1/merchant/group-buys')
export class MerchantGroupBuysController {
  constructor(private readonly campaigns: GroupBuyCampaignsService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: CampaignDto })
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateCampaignDto): Promise<CampaignDto> {
    return this.campaigns.create(merchantId, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: MerchantCampaignDto })
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantCampaignDto> {
    return this.campaigns.getForMerchant(merchantId, id);
  }
}
