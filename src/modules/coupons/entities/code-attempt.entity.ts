import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * A code redemption attempt that failed, or is in flight (it counts until it succeeds): the Postgres adapter
 * of the failed-attempt limiter. Rows older than the window are deleted as the shopper's next attempt passes.
 */
@Entity({ name: 'coupon_code_attempts' })
@Index('idx_coupon_code_attempts_shopper', ['shopperId', 'at'])
export class CodeAttempt {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  shopperId!: string;

  @Column({ type: 'timestamptz' })
  at!: Date;
}
