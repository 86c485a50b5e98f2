import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { PageQuery } from '../../platform/http/pagination';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateProductDto, ProductDto, ProductPageDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('merchant: products')
@MerchantAuth()
@Controller('v1/merchant/products')
export class MerchantProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: ProductDto })
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateProductDto): Promise<ProductDto> {
    return this.products.create(merchantId, body);
  }

  @Get()
  @ApiOkResponse({ type: ProductPageDto })
  list(@CurrentMerchant() merchantId: string, @Query() query: PageQuery): Promise<ProductPageDto> {
    return this.products.listForMerchant(merchantId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProductDto })
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<ProductDto> {
    return this.products.getForMerchant(merchantId, id);
  }
}
