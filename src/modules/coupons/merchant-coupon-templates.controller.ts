import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CouponCodesService } from './coupon-codes.service';
import { CouponTemplatesService } from './coupon-templates.service';
import { GenerateCodesDto, GeneratedCodesDto } from './dto/codes.dto';
import { CreateTemplateDto } from './dto/create-template.dto';
import { TemplateDto } from './dto/template.dto';

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
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateTemplateDto): Promise<TemplateDto> {
    return this.templates.create(merchantId, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: TemplateDto })
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<TemplateDto> {
    return this.templates.getForMerchant(merchantId, id);
  }

  /** Codes are shown once; a replay with the same Idempotency-Key returns them from a sealed copy. */
  @Post(':id/codes')
  @Idempotent({ sealResponse: true })
  @ApiCreatedResponse({ type: GeneratedCodesDto })
  async generateCodes(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: GenerateCodesDto,
  ): Promise<GeneratedCodesDto> {
    return { codes: await this.codes.generate(merchantId, id, body.count) };
  }
}
