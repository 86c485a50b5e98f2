import { Body, Controller, Get, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminAuth } from '../../platform/auth/auth.decorators';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { PageQuery } from '../../platform/http/pagination';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreatedMerchantDto, CreateMerchantDto } from './dto/create-merchant.dto';
import { MerchantPageDto } from './dto/merchant.dto';
import { MerchantsService } from './merchants.service';

@ApiTags('platform')
@AdminAuth()
@Controller('v1/merchants')
export class MerchantsController {
  constructor(private readonly merchants: MerchantsService) {}

  @Post()
  @Idempotent({ sealResponse: true })
  @ApiCreatedResponse({ type: CreatedMerchantDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'IDEMPOTENCY_KEY_REUSED')
  create(@Body() body: CreateMerchantDto): Promise<CreatedMerchantDto> {
    return this.merchants.create(body.name);
  }

  @Get()
  @ApiOkResponse({ type: MerchantPageDto, description: 'Newest first; never a key' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@Query() query: PageQuery): Promise<MerchantPageDto> {
    return this.merchants.list(query);
  }
}
