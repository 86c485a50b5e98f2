import { Check, Column, Entity, PrimaryColumn } from 'typeorm';

/** One shopper's day in one campaign: draws made and shares counted. The record behind the daily chances. */
@Entity({ name: 'lucky_draw_chances' })
@Check('chk_lucky_draw_chances_counts', `"used" >= 0 AND "shares" >= 0`)
export class LuckyDrawChance {
  @PrimaryColumn({ type: 'uuid' })
  campaignId!: string;

  @PrimaryColumn({ type: 'uuid' })
  shopperId!: string;

  /** `YYYY-MM-DD` in the campaign's time zone. */
  @PrimaryColumn({ type: 'text' })
  day!: string;

  @Column({ type: 'integer', default: 0 })
  used!: number;

  @Column({ type: 'integer', default: 0 })
  shares!: number;
}
