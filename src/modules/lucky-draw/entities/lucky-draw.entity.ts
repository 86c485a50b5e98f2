import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A merchant's draw campaign. Its terms change only by the merchant's PATCH (free before the start; then the name,
 * a later end and more stock) and early end, announced to every instance's cache through CampaignChanges. The seed
 * stays secret until the campaign ends (`endsAt`, or `endedAt` when ended early) and never changes.
 */
@Entity({ name: 'lucky_draws' })
@Index('idx_lucky_draws_merchant', ['merchantId', 'createdAt'])
@Index('idx_lucky_draws_merchant_list', ['merchantId', 'createdAt', 'id'])
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

  /** Set once, when the merchant ends it early: no draw from then on, and the seed is revealed. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  /**
   * Generation of the Redis draw gate's keys, bumped by every rebuild (draws/draw-gate-rebuilder.ts): a draw the
   * gate accepted under an older generation was not counted by the rebuild, so it is never written.
   */
  @Column({ type: 'integer', default: 0 })
  redisEpoch!: number;
}
