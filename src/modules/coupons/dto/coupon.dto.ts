import { ApiProperty } from '@nestjs/swagger';
import { COUPON_LIFECYCLE, CouponStatus, readStatus } from '../domain/coupon-status';
import { COUPON_TYPES, CouponType } from '../domain/coupon-terms';
import { TemplateDefinition } from '../entities/coupon-template.entity';
import { Coupon } from '../entities/coupon.entity';

/** A coupon in a shopper's wallet, with the terms of its template. */
export class CouponDto {
  @ApiProperty() id!: string;
  @ApiProperty() templateId!: string;
  @ApiProperty({ enum: COUPON_LIFECYCLE.states, description: 'available past validUntil reads expired' })
  status!: CouponStatus;
  @ApiProperty({ format: 'date-time' }) validFrom!: string;
  @ApiProperty({ format: 'date-time', description: 'First instant it no longer works' }) validUntil!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The order holding or that used it' })
  orderId!: string | null;
  @ApiProperty() merchantId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: COUPON_TYPES }) type!: CouponType;
  @ApiProperty({ type: 'integer', nullable: true }) valueFen!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) percentOff!: number | null;
  @ApiProperty({ type: 'integer', nullable: true }) maxDiscountFen!: number | null;
  @ApiProperty({ type: 'integer' }) minSpendFen!: number;
  @ApiProperty({ type: [String], nullable: true }) productIds!: string[] | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;

  static from(coupon: Coupon, template: TemplateDefinition, now: Date): CouponDto {
    return {
      id: coupon.id,
      templateId: coupon.templateId,
      status: readStatus(coupon.status, coupon.validUntil, now),
      validFrom: coupon.validFrom.toISOString(),
      validUntil: coupon.validUntil.toISOString(),
      orderId: coupon.orderId,
      merchantId: coupon.merchantId,
      name: template.name,
      type: template.type,
      valueFen: template.valueFen,
      percentOff: template.percentOff,
      maxDiscountFen: template.maxDiscountFen,
      minSpendFen: template.minSpendFen,
      productIds: template.productIds,
      createdAt: coupon.createdAt.toISOString(),
    };
  }
}

export class CouponPageDto {
  @ApiProperty({ type: [CouponDto] }) items!: CouponDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor!: string | null;
}
