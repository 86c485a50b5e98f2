import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateFlashSaleDto } from './dto/create-flash-sale.dto';
import { MerchantFlashSaleDto } from './dto/flash-sale.dto';
import { FlashSalesService } from './flash-sales.service';

@ApiTags('merchant: flash sales')
@MerchantAuth()
@Controller('v1/merchant/flash-sales')
export class MerchantFlashSalesController {
  constructor(private readonly sales: FlashSalesService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: MerchantFlashSaleDto })
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateFlashSaleDto): Promise<MerchantFlashSaleDto> {
    return this.sales.create(merchantId, body);
  }

  @Get(':id')
  @ApiOkResponse({ type: MerchantFlashSaleDto })
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<MerchantFlashSaleDto> {
    return this.sales.getForMerchant(merchantId, id);
  }
}
