import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';

/** A merchant's flash sale: one product at one price, a stock, a per-shopper limit, a window. */
@Entity({ name: 'flash_sales' })
@Index('idx_flash_sales_ends_at', ['endsAt'])
@Index('idx_flash_sales_merchant_list', ['merchantId', 'createdAt', 'id'])
@Check('chk_flash_sales_remaining', `"remaining" >= 0 AND "remaining" <= "total_stock"`)
export class FlashSale {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'uuid' })
  productId!: string;

  /** The product's name when the sale was created: what the merchant's `?q=` matches, without a join. */
  @Column({ type: 'text' })
  productName!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  priceFen!: number;

  @Column({ type: 'integer' })
  totalStock!: number;

  @Column({ type: 'integer' })
  perUserLimit!: number;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  /** Exclusive: the first instant nothing can be bought any more. */
  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'integer' })
  paymentWindowSeconds!: number;

  /** Units left, as the Postgres adapter counts them (no REDIS_URL). With Redis the gate's own key counts. */
  @Column({ type: 'integer' })
  remaining!: number;

  /**
   * Generation of the Redis gate's keys: bumped by every rebuild. A reservation the gate accepted under an older
   * generation was not counted by the rebuild, so it is persisted as released, never as a sale.
   */
  @Column({ type: 'integer', default: 0 })
  redisEpoch!: number;

  /** Set when the merchant ended it early (POST .../end); null otherwise. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
