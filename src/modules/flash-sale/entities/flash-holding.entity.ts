import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** Units of a sale one shopper holds (confirmed or paid): the Postgres adapter's record behind perUserLimit. */
@Entity({ name: 'flash_holdings' })
@Check('chk_flash_holdings_held', `"held" >= 0`)
export class FlashHolding {
  @PrimaryColumn({ type: 'uuid' })
  saleId!: string;

  @PrimaryColumn({ type: 'uuid' })
  shopperId!: string;

  @Column({ type: 'integer' })
  held!: number;
}
