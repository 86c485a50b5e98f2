import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, Matches } from 'class-validator';
import { IsFen } from '../../../platform/validation/decorators';
import { Product } from '../product.entity';

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

export class ProductDto {
  @ApiProperty() id!: string;
  @ApiProperty() sku!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) priceFen!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(product: Product): ProductDto {
    return {
      id: product.id,
      sku: product.sku,
      name: product.name,
      priceFen: product.priceFen,
      createdAt: product.createdAt.toISOString(),
    };
  }
}

export class ProductPageDto {
  @ApiProperty({ type: [ProductDto] }) items!: ProductDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
