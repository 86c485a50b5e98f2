import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A mini-program user, known by the openid WeChat gives for our appid. */
@Entity({ name: 'shoppers' })
export class Shopper {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'text', unique: true })
  openid!: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;

  @Column({ type: 'timestamptz' })
  lastLoginAt!: Date;
}
