import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { IsFen } from '../../../platform/validation/decorators';
import { OrderRefund, RefundRowStatus } from '../order-refund.entity';

export class CreateRefundDto {
  @IsFen({ min: 1, description: 'How much to refund, in fen' })
  amountFen!: number;

  @ApiProperty({ minLength: 1, maxLength: 80 })
  @IsString()
  @Length(1, 80)
  reason!: string;
}

/** The card part of a refund, as every refund answer documents it. */
export const GIFT_CARD_PART = {
  type: 'integer',
  description:
    'Of amountFen, what went back to the gift cards that paid the order (at once); WeChat Pay refunds the rest',
} as const;

export class RefundDto {
  @ApiProperty() id!: string;
  @ApiProperty() orderId!: string;
  @ApiProperty() outRefundNo!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty(GIFT_CARD_PART) giftCardFen!: number;
  @ApiProperty({ enum: ['processing', 'succeeded', 'failed'] }) status!: RefundRowStatus;
  @ApiProperty() reason!: string;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null unless succeeded' })
  succeededAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The provider's reason; null unless failed" })
  failReason!: string | null;

  static from(refund: OrderRefund): RefundDto {
    return {
      id: refund.id,
      orderId: refund.orderId,
      outRefundNo: refund.outRefundNo,
      amountFen: refund.amountFen,
      giftCardFen: refund.giftCardFen,
      status: refund.status,
      reason: refund.reason,
      createdAt: refund.createdAt.toISOString(),
      succeededAt: refund.status === 'succeeded' ? (refund.settledAt?.toISOString() ?? null) : null,
      failReason: refund.status === 'failed' ? refund.failReason : null,
    };
  }
}
