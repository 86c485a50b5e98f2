import { ApiProperty, OmitType } from '@nestjs/swagger';
import { ApiCampaignStatus, ApiEndedAt } from '../../../platform/campaigns/campaign-state.dto';
import { CampaignStatus, campaignState } from '../../../platform/campaigns/campaign-status';
import type { ReservationStatus } from '../domain/reservation-status';
import type { SaleStats } from '../domain/sale-stats';
import type { SaleStatus } from '../domain/sale-status';
import type { FlashSale } from '../entities/flash-sale.entity';

const STATUSES = ['upcoming', 'active', 'sold_out', 'ended'];

export class FlashSaleStatsDto {
  @ApiProperty({ type: 'integer' }) totalStock!: number;
  @ApiProperty({ type: 'integer', description: 'Units held by reservations awaiting payment' }) reserved!: number;
  @ApiProperty({ type: 'integer', description: 'Units of paid orders' }) paid!: number;
  @ApiProperty({ type: 'integer', description: 'Units still for sale; the four always add up to totalStock' })
  remaining!: number;
}

/** What everyone may see of a sale. */
export class PublicFlashSaleDto {
  @ApiProperty() id!: string;
  @ApiProperty() productId!: string;
  @ApiProperty({ type: 'integer' }) priceFen!: number;
  @ApiProperty({ type: 'integer' }) perUserLimit!: number;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty({ enum: STATUSES }) status!: SaleStatus;
  @ApiProperty({ type: 'integer' }) remainingStock!: number;

  static from(sale: FlashSale, status: SaleStatus, remaining: number): PublicFlashSaleDto {
    return {
      id: sale.id,
      productId: sale.productId,
      priceFen: sale.priceFen,
      perUserLimit: sale.perUserLimit,
      startsAt: sale.startsAt.toISOString(),
      endsAt: sale.endsAt.toISOString(),
      status,
      remainingStock: remaining,
    };
  }
}

/**
 * The merchant's view: the terms, the campaign status and the stock figures. `status` is the campaign's, as on
 * every merchant campaign view; the shoppers' status (with `sold_out`) is `saleStatus`.
 */
export class MerchantFlashSaleDto extends OmitType(PublicFlashSaleDto, ['status'] as const) {
  @ApiCampaignStatus() status!: CampaignStatus;
  @ApiEndedAt() endedAt!: string | null;
  @ApiProperty({ enum: STATUSES, description: 'The status shoppers see (GET /v1/flash-sales/:id)' })
  saleStatus!: SaleStatus;
  @ApiProperty() productName!: string;
  @ApiProperty() merchantId!: string;
  @ApiProperty({ type: 'integer' }) totalStock!: number;
  @ApiProperty({ type: 'integer' }) paymentWindowSeconds!: number;
  @ApiProperty({ type: FlashSaleStatsDto }) stats!: FlashSaleStatsDto;
  @ApiProperty({
    type: 'integer',
    description:
      'Reservations accepted that could not be written with their orders: each was released and its units put ' +
      'back on sale (see the service log for why)',
  })
  failedReservations!: number;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static fromSale(
    sale: FlashSale,
    status: SaleStatus,
    stats: SaleStats,
    failedReservations: number,
    now: Date,
  ): MerchantFlashSaleDto {
    return {
      ...PublicFlashSaleDto.from(sale, status, stats.remaining),
      ...campaignState(sale, now),
      saleStatus: status,
      productName: sale.productName,
      merchantId: sale.merchantId,
      totalStock: sale.totalStock,
      paymentWindowSeconds: sale.paymentWindowSeconds,
      stats,
      failedReservations,
      createdAt: sale.createdAt.toISOString(),
    };
  }
}

export class MerchantFlashSalePageDto {
  @ApiProperty({ type: [MerchantFlashSaleDto] }) items!: MerchantFlashSaleDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

export class FlashSaleTimelineBucketDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the bucket (UTC)' }) at!: string;
  @ApiProperty({ type: 'integer', description: 'Orders placed in the bucket (reservations written with an order)' })
  purchases!: number;
  @ApiProperty({ type: 'integer', description: 'Orders paid in the bucket' }) paid!: number;
  @ApiProperty({ type: 'integer', description: 'What the orders paid in the bucket paid (their totals)' })
  revenueFen!: number;
  @ApiProperty({
    type: 'integer',
    description: 'Order discounts: always 0, a flash-sale order is priced at the sale price with no discount line',
  })
  discountFen!: number;
}

export class FlashSaleTimelineDto {
  @ApiProperty({ type: [FlashSaleTimelineBucketDto], description: 'Oldest first; buckets with no event are left out' })
  buckets!: FlashSaleTimelineBucketDto[];
}

export class FlashReservationDto {
  @ApiProperty() reservationId!: string;
  @ApiProperty({
    enum: ['queued', 'confirmed', 'released'],
    description:
      'queued: accepted, its order is being written; confirmed: it has an order (paid or awaiting payment); ' +
      'released: its units went back (the order expired or was cancelled, or the gate lost it before it was written)',
  })
  status!: ReservationStatus;
  @ApiProperty({ type: String, nullable: true }) orderId!: string | null;
}
