import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../platform/database/column-types';

@Entity({ name: 'order_items' })
export class OrderItem {
  @PrimaryColumn({ type: 'uuid' })
  orderId!: string;

  /** Position in the order as placed. */
  @PrimaryColumn({ type: 'smallint' })
  line!: number;

  @Column({ type: 'uuid' })
  productId!: string;

  @Column({ type: 'integer' })
  quantity!: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  unitPriceFen!: number;
}
