import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One event as receivers get it (`payload` is the whole body: `{id, type, createdAt, merchantId, data}`), written
 * in the transaction of the change it reports, only when some endpoint of the merchant subscribes to it.
 */
@Entity({ name: 'webhook_events' })
export class WebhookEvent {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'jsonb' })
  payload!: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
