import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { bigintNumber } from '../../../platform/database/column-types';

export type CardProductStatus = 'active' | 'archived';

/** A card a merchant sells: its face value, what it costs (at most the face value) and how long it lasts. */
@Entity({ name: 'gift_card_products' })
@Index('idx_gift_card_products_merchant_list', ['merchantId', 'createdAt', 'id'])
@Check('chk_gift_card_products_price', `"price_fen" >= 1 AND "price_fen" <= "face_value_fen"`)
@Check('chk_gift_card_products_terms', `"validity_days" BETWEEN 1 AND 1825 AND "per_order_limit" >= 1`)
export class GiftCardProduct {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'bigint', transformer: bigintNumber })
  faceValueFen!: number;

  @Column({ type: 'bigint', transformer: bigintNumber })
  priceFen!: number;

  @Column({ type: 'integer' })
  validityDays!: number;

  @Column({ type: 'integer' })
  perOrderLimit!: number;

  @Column({ type: 'text' })
  status!: CardProductStatus;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
