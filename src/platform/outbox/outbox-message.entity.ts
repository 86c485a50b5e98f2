import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'delivered' | 'dead';

/** One event for one subscriber, written in the transaction of the change that caused it. */
@Entity({ name: 'outbox_messages' })
@Index('idx_outbox_messages_due', ['availableAt'], { where: `status = 'pending'` })
export class OutboxMessage {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'text' })
  subscriber!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status!: OutboxStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  /** Not before this time: back-off after a failure, or the lease of the instance delivering it now. */
  @Column({ type: 'timestamptz' })
  availableAt!: Date;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
