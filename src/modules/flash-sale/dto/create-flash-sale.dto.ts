import { ApiProperty, PartialType } from '@nestjs/swagger';
import { IsISO8601, IsString, IsUUID } from 'class-validator';
import { IsFen, IsIntIn } from '../../../platform/validation/decorators';
import { MAX_PAYMENT_WINDOW_SECONDS, MAX_TOTAL_STOCK, MIN_PAYMENT_WINDOW_SECONDS } from '../domain/sale-terms';

const isoDate = { strict: true, strictSeparator: true };

export class CreateFlashSaleDto {
  @ApiProperty({ description: "One of the merchant's products" })
  @IsString()
  @IsUUID()
  productId!: string;

  @IsFen({ min: 1, description: 'Sale price of one unit, in fen' })
  priceFen!: number;

  @IsIntIn(1, MAX_TOTAL_STOCK, { description: 'Units for sale' })
  totalStock!: number;

  @IsIntIn(1, MAX_TOTAL_STOCK, {
    optional: true,
    description: 'Units one shopper may hold at once (default 1, at most totalStock)',
  })
  perUserLimit?: number;

  @ApiProperty({ format: 'date-time', description: 'First instant attempts are accepted' })
  @IsISO8601(isoDate)
  startsAt!: string;

  @ApiProperty({
    format: 'date-time',
    description: 'First instant attempts are refused (after startsAt, in the future)',
  })
  @IsISO8601(isoDate)
  endsAt!: string;

  @IsIntIn(MIN_PAYMENT_WINDOW_SECONDS, MAX_PAYMENT_WINDOW_SECONDS, {
    optional: true,
    description: "How long a reservation's order stays payable (default 600)",
  })
  paymentWindowSeconds?: number;
}

/**
 * `PATCH /v1/merchant/flash-sales/:id`: any creation field before the start; after it only a later endsAt and more
 * totalStock. `null` is refused for a field creation requires; for perUserLimit and paymentWindowSeconds it means
 * the default, as at creation.
 */
export class UpdateFlashSaleDto extends PartialType(CreateFlashSaleDto, { skipNullProperties: false }) {}
