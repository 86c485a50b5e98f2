import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** How many coupons of a template one shopper has been issued: the record behind perUserLimit. */
@Entity({ name: 'coupon_holders' })
@Check('chk_coupon_holders_issued', `"issued" >= 0`)
export class CouponHolder {
  @PrimaryColumn({ type: 'uuid' })
  templateId!: string;

  @PrimaryColumn({ type: 'uuid' })
  shopperId!: string;

  @Column({ type: 'integer' })
  issued!: number;
}
