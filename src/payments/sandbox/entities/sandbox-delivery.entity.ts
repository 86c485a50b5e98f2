import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** A notification the sandbox owes the merchant's notify URL; re-sent with back-off until acknowledged. */
@Entity({ name: 'sandbox_deliveries' })
@Index('idx_sandbox_deliveries_due', ['nextAttemptAt'], { where: `status = 'pending'` })
export class SandboxDelivery {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  /** The notification id; the same on every re-delivery, as WeChat does. */
  @Column({ type: 'text' })
  eventId!: string;

  @Column({ type: 'text' })
  eventType!: string;

  @Column({ type: 'text' })
  originalType!: string;

  @Column({ type: 'text' })
  summary!: string;

  /** The plaintext resource; encrypted afresh, with a fresh signature, at every attempt. */
  @Column({ type: 'jsonb' })
  resource!: Record<string, unknown>;

  @Column({ type: 'text', default: 'pending' })
  status!: DeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts!: number;

  @Column({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Column({ type: 'integer', nullable: true })
  lastHttpStatus!: number | null;

  @Column({ type: 'text', nullable: true })
  lastError!: string | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}
