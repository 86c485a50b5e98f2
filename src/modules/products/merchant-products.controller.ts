import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { MerchantAuth } from '../../platform/auth/auth.decorators';
import { CurrentMerchant } from '../../platform/auth/caller';
import { ApiErrorResponses } from '../../platform/http/api-error-responses';
import { Idempotent } from '../../platform/idempotency/idempotent.decorator';
import { CreateProductDto, ProductDto, ProductListQuery, ProductPageDto, UpdateProductDto } from './dto/product.dto';
import { ProductsService } from './products.service';

@ApiTags('merchant: products')
@MerchantAuth()
@Controller('v1/merchant/products')
export class MerchantProductsController {
  constructor(private readonly products: ProductsService) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: ProductDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'SKU_TAKEN', 'IDEMPOTENCY_KEY_REUSED')
  create(@CurrentMerchant() merchantId: string, @Body() body: CreateProductDto): Promise<ProductDto> {
    return this.products.create(merchantId, body);
  }

  @Get()
  @ApiOkResponse({ type: ProductPageDto, description: 'Newest first' })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN')
  list(@CurrentMerchant() merchantId: string, @Query() query: ProductListQuery): Promise<ProductPageDto> {
    return this.products.listForMerchant(merchantId, query);
  }

  @Get(':id')
  @ApiOkResponse({ type: ProductDto })
  @ApiErrorResponses('UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  get(@CurrentMerchant() merchantId: string, @Param('id') id: string): Promise<ProductDto> {
    return this.products.getForMerchant(merchantId, id);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ProductDto })
  @ApiErrorResponses('VALIDATION_FAILED', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND')
  update(
    @CurrentMerchant() merchantId: string,
    @Param('id') id: string,
    @Body() body: UpdateProductDto,
  ): Promise<ProductDto> {
    return this.products.update(merchantId, id, body);
  }
}
