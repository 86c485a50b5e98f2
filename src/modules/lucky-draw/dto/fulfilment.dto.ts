import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { FULFILMENT_STATUSES, FulfilmentStatus } from '../domain/fulfilment-lifecycle';

/** `GET /v1/merchant/lucky-draws/:id/fulfilments?status=`. */
export class FulfilmentListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: FULFILMENT_STATUSES })
  @IsOptional()
  @IsIn(FULFILMENT_STATUSES)
  status?: FulfilmentStatus;
}

/** `POST /v1/merchant/lucky-draws/:id/fulfilments/:drawId`. */
export class UpdateFulfilmentDto {
  @ApiProperty({ enum: FULFILMENT_STATUSES, description: '`shipped`; `pending` only repeats what a pending one is' })
  @IsIn(FULFILMENT_STATUSES)
  status!: FulfilmentStatus;

  @ApiPropertyOptional({ maxLength: 500, description: 'Kept with the shipping, e.g. carrier and tracking number' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class FulfilmentPrizeDto {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
}

export class FulfilmentDto {
  @ApiProperty() drawId!: string;
  @ApiProperty() shopperId!: string;
  @ApiProperty({ type: FulfilmentPrizeDto }) prize!: FulfilmentPrizeDto;
  @ApiProperty({ enum: FULFILMENT_STATUSES }) status!: FulfilmentStatus;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) wonAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) shippedAt!: string | null;
}

export class FulfilmentPageDto {
  @ApiProperty({ type: [FulfilmentDto] }) items!: FulfilmentDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
