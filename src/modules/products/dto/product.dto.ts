import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { IsFen } from '../../../platform/validation/decorators';
import { Product, PRODUCT_STATUSES, ProductStatus } from '../product.entity';

export class CreateProductDto {
  @ApiProperty({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._-]+$', example: 'TEA-OOLONG-250G' })
  @IsString()
  @Length(1, 64)
  @Matches(/^[A-Za-z0-9._-]+$/, { message: 'sku may contain letters, digits, ".", "_" and "-"' })
  sku!: string;

  @ApiProperty({ minLength: 1, maxLength: 200, example: 'Oolong tea, 250 g' })
  @IsString()
  @Length(1, 200)
  name!: string;

  @IsFen({ min: 1, description: 'List price in fen (at least 1)' })
  priceFen!: number;
}

export class UpdateProductDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsFen({ min: 1, optional: true, description: 'New list price in fen; orders already placed keep theirs' })
  priceFen?: number;

  @ApiPropertyOptional({
    enum: PRODUCT_STATUSES,
    description: 'archived: hidden from shoppers (404) and not orderable; active again at any time',
  })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;
}

export class ProductListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRODUCT_STATUSES })
  @IsOptional()
  @IsIn(PRODUCT_STATUSES)
  status?: ProductStatus;

  @ApiPropertyOptional({ minLength: 1, maxLength: 200, description: 'Part of the name or sku, any case' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  q?: string;
}

export class ProductDto {
  @ApiProperty() id!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) priceFen!: number;
  @ApiProperty({ enum: PRODUCT_STATUSES }) status!: ProductStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(product: Product): ProductDto {
    return {
      id: product.id,
      sku: product.sku,
      name: product.name,
      priceFen: product.priceFen,
      status: product.status,
      createdAt: product.createdAt.toISOString(),
    };
  }
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] }) items!: ProductDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
