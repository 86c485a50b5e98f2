import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** A merchant's draw campaign. Its terms never change after creation; the seed stays secret until `endsAt`. */
@Entity({ name: 'lucky_draws' })
@Index('idx_lucky_draws_merchant', ['merchantId', 'createdAt'])
export class LuckyDraw {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text' })
  name!: string;

  @Column({ type: 'timestamptz' })
  startsAt!: Date;

  @Column({ type: 'timestamptz' })
  endsAt!: Date;

  @Column({ type: 'integer' })
  drawsPerUserPerDay!: number;

  @Column({ type: 'integer' })
  shareBonusDrawsPerDay!: number;

  /** IANA zone the daily chances are counted in. */
  @Column({ type: 'text' })
  timezone!: string;

  /** 32 random bytes, hex; the HMAC key of every draw. Shown only once the campaign has ended. */
  @Column({ type: 'text' })
  seedHex!: string;

  /** SHA-256 of the seed's bytes, hex: published from the start. */
  @Column({ type: 'text' })
  seedCommitment!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
