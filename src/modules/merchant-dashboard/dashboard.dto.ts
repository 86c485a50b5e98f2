import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';

const isoTimestamp = { strict: true, strictSeparator: true };

/** `GET /v1/merchant/dashboard?from=&to=`: `[from, to)`, by default the 30 days up to now. */
export class DashboardQuery {
  @ApiPropertyOptional({
    format: 'date-time',
    description: 'At or after this instant (ISO 8601); default to - 30 days',
  })
  @IsOptional()
  @IsISO8601(isoTimestamp)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant (ISO 8601); default now' })
  @IsOptional()
  @IsISO8601(isoTimestamp)
  to?: string;
}

export class PaidOrdersDto {
  @ApiProperty({ type: 'integer' }) ordersPaid!: number;
  @ApiProperty({ type: 'integer' }) revenueFen!: number;
  @ApiProperty({ type: 'integer' }) discountFen!: number;
}

export class OrdersByKindDto {
  @ApiProperty({ type: PaidOrdersDto }) standard!: PaidOrdersDto;
  @ApiProperty({ type: PaidOrdersDto }) flash_sale!: PaidOrdersDto;
  @ApiProperty({ type: PaidOrdersDto }) group_buy!: PaidOrdersDto;
  @ApiProperty({ type: PaidOrdersDto }) gift_card!: PaidOrdersDto;
}

export class ActiveCampaignsByKindDto {
  @ApiProperty({ type: 'integer' }) 'coupon-templates'!: number;
  @ApiProperty({ type: 'integer' }) 'flash-sales'!: number;
  @ApiProperty({ type: 'integer' }) 'group-buys'!: number;
  @ApiProperty({ type: 'integer' }) 'lucky-draws'!: number;
  @ApiProperty({ type: 'integer' }) 'rebate-rules'!: number;
}

export class DashboardByKindDto {
  @ApiProperty({ type: OrdersByKindDto, description: 'Orders paid in the range, per order kind' })
  orders!: OrdersByKindDto;

  @ApiProperty({ type: ActiveCampaignsByKindDto, description: 'Campaigns active now, per campaign kind' })
  activeCampaigns!: ActiveCampaignsByKindDto;
}

export class DashboardDto {
  @ApiProperty({ format: 'date-time' }) from!: string;
  @ApiProperty({ format: 'date-time' }) to!: string;
  @ApiProperty({ type: 'integer', description: 'Orders paid in the range (whatever they became since)' })
  ordersPaid!: number;
  @ApiProperty({ type: 'integer', description: 'Sum of their totalFen' }) revenueFen!: number;
  @ApiProperty({ type: 'integer', description: 'Sum of their discountFen' }) discountFen!: number;
  @ApiProperty({
    type: 'integer',
    description:
      'Refunds that succeeded in the range, through WeChat Pay (what went back to gift cards is not revenue)',
  })
  refundedFen!: number;
  @ApiProperty({ type: 'integer', description: 'Rebates paid in the range' }) rebatesPaidFen!: number;
  @ApiProperty({ type: 'integer', description: 'Campaigns of every kind active now' }) activeCampaigns!: number;
  @ApiProperty({ type: DashboardByKindDto }) byKind!: DashboardByKindDto;
}
