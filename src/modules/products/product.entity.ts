import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../platform/database/column-types';

export type ProductStatus = 'active' | 'archived';
export const PRODUCT_STATUSES: readonly ProductStatus[] = ['active', 'archived'];

@Entity({ name: 'products' })
@Index('uq_products_merchant_sku', ['merchantId', 'sku'], { unique: true })
@Index('idx_products_merchant_list', ['merchantId', 'createdAt', 'id'])
@Index('idx_products_merchant_status_list', ['merchantId', 'status', 'createdAt', 'id'])
export class Product {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text' })
  sku!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  priceFen!: number;

  /**
   * `archived`: kept for the orders and campaigns that name it, hidden from shoppers and not orderable. A flag the
   * merchant sets either way (last write wins), not a lifecycle: nothing runs on its change and it has no end.
   */
  @Column({ type: 'text', default: 'active' })
  status!: ProductStatus;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
