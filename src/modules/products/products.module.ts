import { Module } from '@nestjs/common';
import { MerchantProductsController } from './merchant-products.controller';
import { ProductsController } from './products.controller';
import { ProductsService } from './products.service';

@Module({
  controllers: [MerchantProductsController, ProductsController],
  providers: [ProductsService],
  exports: [ProductsService],
})
export class ProductsModule {}
