import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

export type EndpointStatus = 'enabled' | 'disabled';

/**
 * A merchant's receiver: where to POST, which event types, and the signing secret (sealed). After a rotation the
 * previous secret keeps signing beside the new one until `previousSecretExpiresAt`.
 */
@Entity({ name: 'webhook_endpoints' })
@Index('idx_webhook_endpoints_merchant_list', ['merchantId', 'createdAt', 'id'])
export class WebhookEndpoint {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  merchantId!: string;

  @Column({ type: 'text' })
  url!: string;

  /** Event types, or `*` for all of them. */
  @Column({ type: 'text', array: true })
  events!: string[];

  @Column({ type: 'text' })
  status!: EndpointStatus;

  @Column({ type: 'text', nullable: true })
  description!: string | null;

  @Column({ type: 'text' })
  secretSealed!: string;

  @Column({ type: 'text', nullable: true })
  previousSecretSealed!: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousSecretExpiresAt!: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  updatedAt!: Date;
}
