import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'merchants' })
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

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
