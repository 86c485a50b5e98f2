import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

/** A completed idempotent request: what it was (fingerprint) and what it answered. */
@Entity({ name: 'idempotency_keys' })
@Index('idx_idempotency_keys_created_at', ['createdAt'])
export class IdempotencyRecord {
  @PrimaryColumn({ type: 'text' })
  callerScope!: string;

  @PrimaryColumn({ type: 'text' })
  key!: string;

  @Column({ type: 'char', length: 64 })
  fingerprint!: string;

  @Column({ type: 'smallint', nullable: true })
  responseStatus!: number | null;

  /** The JSON text first sent (sealed: `{"sealed": ...}` around it), sent again byte for byte. */
  @Column({ type: 'text', nullable: true })
  responseBody!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
