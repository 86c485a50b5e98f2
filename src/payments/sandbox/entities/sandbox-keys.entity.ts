import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The sandbox provider's identity: merchant and platform key pairs and the APIv3 key, made at first start. */
@Entity({ name: 'sandbox_keys' })
export class SandboxKeys {
  /** Always 1: one sandbox account per deployment. */
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ type: 'text' })
  appId!: string;

  @Column({ type: 'text' })
  mchId!: string;

  @Column({ type: 'text' })
  merchantSerial!: string;

  @Column({ type: 'text' })
  merchantPrivateKeyPem!: string;

  @Column({ type: 'text' })
  merchantPublicKeyPem!: string;

  @Column({ type: 'text' })
  platformSerial!: string;

  @Column({ type: 'text' })
  platformPrivateKeyPem!: string;

  @Column({ type: 'text' })
  platformPublicKeyPem!: string;

  @Column({ type: 'text' })
  apiV3Key!: string;

  @Column({ type: 'timestamptz' })
  createdAt!: Date;
}
