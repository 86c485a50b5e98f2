import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../platform/database/column-types';

@Entity({ name: 'products' })
@Index('uq_products_merchant_sku', ['merchantId', 'sku'], { unique: true })
@Index('idx_products_merchant_list', ['merchantId', 'createdAt', 'id'])
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
