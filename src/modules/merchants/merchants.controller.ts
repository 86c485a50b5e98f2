import { Body, Controller, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../platform/auth/auth.decorators';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreatedMerchantDto, CreateMerchantDto } from './dto/create-merchant.dto';
import { MerchantsService } from './merchants.service';

@ApiTags('platform')
@Controller('v1/merchants')
export class MerchantsController {
  constructor(private readonly merchants: MerchantsService) {}

  @Post()
  @AdminAuth()
  @Idempotent({ sealResponse: true })
  @ApiCreatedResponse({ type: CreatedMerchantDto })
  create(@Body() body: CreateMerchantDto): Promise<CreatedMerchantDto> {
    return this.merchants.create(body.name);
  }
}
