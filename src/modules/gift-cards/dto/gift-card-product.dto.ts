import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, Length } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { IsFen, IsIntIn } from '../../../platform/validation/decorators';
import { PRODUCT_TERMS } from '../domain/product-terms';
import type { CardProductStatus, GiftCardProduct } from '../entities/gift-card-product.entity';

export class CreateGiftCardProductDto {
  @ApiProperty({ minLength: 1, maxLength: 100, example: '100元电子礼品卡' })
  @IsString()
  @Length(1, 100)
  name!: string;

  @IsFen({ min: 1, description: 'What the card holds when issued, in fen' })
  faceValueFen!: number;

  @IsFen({ min: 1, description: 'What a shopper pays for it, in fen (at most faceValueFen)' })
  priceFen!: number;

  @IsIntIn(PRODUCT_TERMS.validityDays.min, PRODUCT_TERMS.validityDays.max, {
    description: 'Days a card stays spendable from its issue',
  })
  validityDays!: number;

  @IsIntIn(PRODUCT_TERMS.perOrderLimit.min, PRODUCT_TERMS.perOrderLimit.max, {
    optional: true,
    description: `Cards one purchase may buy (default ${PRODUCT_TERMS.perOrderLimit.default})`,
  })
  perOrderLimit?: number;
}

export class GiftCardProductDto {
  @ApiProperty() id!: string;
  @ApiProperty() merchantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: 'integer' }) faceValueFen!: number;
  @ApiProperty({ type: 'integer' }) priceFen!: number;
  @ApiProperty({ type: 'integer' }) validityDays!: number;
  @ApiProperty({ type: 'integer' }) perOrderLimit!: number;
  @ApiProperty({ enum: ['active', 'archived'] }) status!: CardProductStatus;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(product: GiftCardProduct): GiftCardProductDto {
    return {
      id: product.id,
      merchantId: product.merchantId,
      name: product.name,
      faceValueFen: product.faceValueFen,
      priceFen: product.priceFen,
      validityDays: product.validityDays,
      perOrderLimit: product.perOrderLimit,
      status: product.status,
      createdAt: product.createdAt.toISOString(),
    };
  }
}

export class GiftCardProductStatsDto {
  @ApiProperty({ type: 'integer', description: 'Cards issued (bought, or redeemed from codes)' }) sold!: number;
  @ApiProperty({ type: 'integer', description: 'What its cards hold now' }) activeBalanceFen!: number;
  @ApiProperty({ type: 'integer', description: 'Spent on orders' })
  redeemedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Left on cards when they expired (breakage)' }) expiredFen!: number;
}

export class MerchantGiftCardProductDto extends GiftCardProductDto {
  @ApiProperty({ type: GiftCardProductStatsDto }) stats!: GiftCardProductStatsDto;
}

export class MerchantGiftCardProductPageDto {
  @ApiProperty({ type: [MerchantGiftCardProductDto] }) items!: MerchantGiftCardProductDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class GiftCardProductPageDto {
  @ApiProperty({ type: [GiftCardProductDto] }) items!: GiftCardProductDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class GiftCardProductsQuery extends PageQuery {
  @ApiProperty({ description: 'The merchant whose cards to list' })
  @IsUUID()
  merchantId!: string;
}
