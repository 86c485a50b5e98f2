import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import type { DeliveryStatus, WebhookDelivery } from '../entities/webhook-delivery.entity';

const DELIVERY_STATUSES: DeliveryStatus[] = ['pending', 'succeeded', 'failed'];

export class DeliveryListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES })
  @IsOptional()
  @IsIn(DELIVERY_STATUSES)
  status?: DeliveryStatus;
}

/** A disabled endpoint's deliveries wait at `infinity`: no attempt is scheduled. */
const isParked = (at: Date | number): boolean => !(at instanceof Date) || !Number.isFinite(at.getTime());

export class DeliveryDto {
  @ApiProperty() id!: string;
  @ApiProperty({ description: 'Also the webhook-id header' }) eventId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ enum: DELIVERY_STATUSES }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: Number }) lastStatusCode!: number | null;
  @ApiProperty({ nullable: true, type: String }) lastError!: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    format: 'date-time',
    description: 'null once settled, or while its endpoint is disabled',
  })
  nextAttemptAt!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(delivery: WebhookDelivery): DeliveryDto {
    return {
      id: delivery.id,
      eventId: delivery.eventId,
      type: delivery.type,
      status: delivery.status,
      attempts: delivery.attempts,
      lastStatusCode: delivery.lastStatusCode,
      lastError: delivery.lastError,
      nextAttemptAt:
        delivery.status === 'pending' && isParked(delivery.nextAttemptAt) === false
          ? delivery.nextAttemptAt.toISOString()
          : null,
      createdAt: delivery.createdAt.toISOString(),
    };
  }
}

export class DeliveryPageDto {
  @ApiProperty({ type: [DeliveryDto] }) items!: DeliveryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}
