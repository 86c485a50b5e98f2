import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsISO8601,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { PageQuery } from '../../../platform/http/pagination';
import { IsIntIn } from '../../../platform/validation/decorators';
import type { PayParams } from '../../../payments/payment-gateway';
import { ORDER_KINDS, ORDER_LIFECYCLE, OrderKind, OrderStatus } from '../domain/order-status';
import { OrderItem } from '../order-item.entity';
import { OrderRefund } from '../order-refund.entity';
import { Order } from '../order.entity';
import { GIFT_CARD_PART } from './refund.dto';

export class OrderItemInput {
  @ApiProperty()
  @IsString()
  @IsUUID()
  productId!: string;

  @IsIntIn(1, 9999)
  quantity!: number;
}

export class CreateOrderDto {
  @ApiProperty({ type: [OrderItemInput], minItems: 1, maxItems: 50 })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  // An element that is itself an array would pass ValidateNested unchecked.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => OrderItemInput)
  items!: OrderItemInput[];

  @ApiPropertyOptional({ description: 'A coupon from the wallet' })
  @IsOptional()
  @IsString()
  @IsUUID()
  couponId?: string;

  @ApiPropertyOptional({
    type: [String],
    maxItems: 10,
    description:
      "Your active gift cards of this order's merchant, applied after the coupon in this order, up to the total; " +
      'their amounts are held until the order is paid (given back if it is cancelled or expires)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  giftCardIds?: string[];
}

export class OrderItemDto {
  @ApiProperty() productId!: string;
  @ApiProperty({ type: 'integer' }) quantity!: number;
  @ApiProperty({ type: 'integer' }) unitPriceFen!: number;
}

export class PayParamsDto {
  @ApiProperty() appId!: string;
  @ApiProperty() timeStamp!: string;
  @ApiProperty() nonceStr!: string;
  @ApiProperty() package!: string;
  @ApiProperty({ enum: ['RSA'] }) signType!: 'RSA';
  @ApiProperty() paySign!: string;
}

export class OrderPaymentDto {
  @ApiProperty() outTradeNo!: string;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      'null while the payment is not prepared yet: flash-sale orders are written in batches and prepared when ' +
      'the shopper opens the order (GET /v1/orders/:id), or after its deadline',
  })
  prepayId!: string | null;
  @ApiProperty({
    type: PayParamsDto,
    nullable: true,
    description: 'Pass to wx.requestPayment; null while prepayId is',
  })
  payParams!: PayParams | null;
}

export class OrderDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ORDER_KINDS }) kind!: OrderKind;
  @ApiProperty({ enum: ORDER_LIFECYCLE.states })
  status!: OrderStatus;
  @ApiProperty() merchantId!: string;
  @ApiProperty({ type: [OrderItemDto] }) items!: OrderItemDto[];
  @ApiProperty({ type: 'integer' }) subtotalFen!: number;
  @ApiProperty({ type: 'integer' }) discountFen!: number;
  @ApiProperty({ type: 'integer', description: 'What gift cards pay (applied after the coupon)' })
  giftCardFen!: number;
  @ApiProperty({ type: 'integer', description: 'What is left to pay through WeChat Pay (0: paid by gift cards alone)' })
  totalFen!: number;
  @ApiProperty({ type: String, nullable: true }) couponId!: string | null;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) paidAt!: string | null;
  @ApiProperty({ type: 'integer' }) refundedFen!: number;
  @ApiProperty({ type: OrderPaymentDto }) payment!: OrderPaymentDto;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(order: Order, items: OrderItem[]): OrderDto {
    return {
      id: order.id,
      kind: order.kind,
      status: order.status,
      merchantId: order.merchantId,
      items: [...items]
        .sort((a, b) => a.line - b.line)
        .map((item) => ({ productId: item.productId, quantity: item.quantity, unitPriceFen: item.unitPriceFen })),
      subtotalFen: order.subtotalFen,
      discountFen: order.discountFen,
      giftCardFen: order.giftCardFen,
      totalFen: order.totalFen,
      couponId: order.couponId,
      expiresAt: order.expiresAt.toISOString(),
      paidAt: order.paidAt?.toISOString() ?? null,
      refundedFen: order.refundedFen,
      payment: { outTradeNo: order.outTradeNo, prepayId: order.prepayId, payParams: order.payParams },
      createdAt: order.createdAt.toISOString(),
    };
  }
}

export class OrderPageDto {
  @ApiProperty({ type: [OrderDto] }) items!: OrderDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}

const isoTimestamp = { strict: true, strictSeparator: true };

/** A createdAt range: `from` inclusive, `to` exclusive. */
export class OrderExportQuery {
  @ApiPropertyOptional({ format: 'date-time', description: 'Orders created at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601(isoTimestamp)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Orders created before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601(isoTimestamp)
  to?: string;
}

export class MerchantOrderListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ORDER_LIFECYCLE.states })
  @IsOptional()
  @IsIn(ORDER_LIFECYCLE.states)
  status?: OrderStatus;

  @ApiPropertyOptional({ enum: ORDER_KINDS })
  @IsOptional()
  @IsIn(ORDER_KINDS)
  kind?: OrderKind;

  @ApiPropertyOptional({ format: 'date-time', description: 'Orders created at or after this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601(isoTimestamp)
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Orders created before this instant (ISO 8601)' })
  @IsOptional()
  @IsISO8601(isoTimestamp)
  to?: string;
}

/** A refund as the order shows it, to its shopper and its merchant. */
export class OrderRefundDto {
  @ApiProperty() id!: string;
  @ApiProperty() outRefundNo!: string;
  @ApiProperty({ type: 'integer' }) amountFen!: number;
  @ApiProperty(GIFT_CARD_PART) giftCardFen!: number;
  @ApiProperty() reason!: string;
  @ApiProperty({ enum: ['processing', 'succeeded', 'failed'] }) status!: OrderRefund['status'];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'null unless succeeded' })
  succeededAt!: string | null;

  static from(refund: OrderRefund): OrderRefundDto {
    return {
      id: refund.id,
      outRefundNo: refund.outRefundNo,
      amountFen: refund.amountFen,
      giftCardFen: refund.giftCardFen,
      reason: refund.reason,
      status: refund.status,
      createdAt: refund.createdAt.toISOString(),
      succeededAt: refund.status === 'succeeded' ? (refund.settledAt?.toISOString() ?? null) : null,
    };
  }
}

/** The shopper's order with its refunds (GET /v1/orders/:id). */
export class OrderDetailDto extends OrderDto {
  @ApiProperty({ type: [OrderRefundDto], description: 'Oldest first' }) refunds!: OrderRefundDto[];

  static override from(order: Order, items: OrderItem[], refunds: OrderRefund[] = []): OrderDetailDto {
    return { ...OrderDto.from(order, items), refunds: refunds.map(OrderRefundDto.from) };
  }
}

/** An order as its shopper sees it, with who the shopper is (their user id, never their openid). */
export class MerchantOrderDto extends OrderDto {
  @ApiProperty() shopperId!: string;

  static override from(order: Order, items: OrderItem[]): MerchantOrderDto {
    return { ...OrderDto.from(order, items), shopperId: order.shopperId };
  }
}

export class MerchantOrderDetailDto extends MerchantOrderDto {
  @ApiProperty({ type: [OrderRefundDto], description: 'Oldest first' }) refunds!: OrderRefundDto[];

  static override from(order: Order, items: OrderItem[], refunds: OrderRefund[] = []): MerchantOrderDetailDto {
    return { ...MerchantOrderDto.from(order, items), refunds: refunds.map(OrderRefundDto.from) };
  }
}

export class MerchantOrderPageDto {
  @ApiProperty({ type: [MerchantOrderDto] }) items!: MerchantOrderDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
