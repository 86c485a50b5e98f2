import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateLuckyDrawDto } from './dto/create-lucky-draw.dto';
import { LuckyDrawDto } from './dto/lucky-draw.dto';
import { LuckyDrawsService } from './lucky-draws.service';

@ApiTags('merchant: lucky draws')
@MerchantAuth()
@Controller('v1/merchant/lucky-draws')
export class MerchantLuckyDrawsController {
  constructor(private readonly campaigns: LuckyDrawsService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: LuckyDrawDto })
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateLuckyDrawDto): Promise<LuckyDrawDto> {
    return this.campaigns.create(merchantId, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: LuckyDrawDto })
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<LuckyDrawDto> {
    return this.campaigns.getForMerchant(merchantId, id);
  }
}
