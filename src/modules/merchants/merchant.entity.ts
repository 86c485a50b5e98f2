import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';

@Entity({ name: 'merchants' })
@Index('idx_merchants_list', ['createdAt', 'id'])
export class Merchant {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text' })
  name!: string;

  /** The public part of the API key, used to find the row; the whole key is only ever stored hashed. */
  @Column({ type: 'text', unique: true })
  apiKeyLookup!: string;

  @Column({ type: 'bytea' })
  apiKeyHash!: Buffer;

  /** The key replaced by the last rotation, valid until `previousApiKeyExpiresAt`: at most two keys at a time. */
  @Column({ type: 'text', unique: true, nullable: true })
  previousApiKeyLookup!: string | null;

  @Column({ type: 'bytea', nullable: true })
  previousApiKeyHash!: Buffer | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousApiKeyExpiresAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
