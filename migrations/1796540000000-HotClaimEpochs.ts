import { MigrationInterface, QueryRunner } from 'typeorm';

export class HotClaimEpochs1796540000000 implements MigrationInterface {
  name = 'HotClaimEpochs1796540000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Generations of the Redis gates in front of coupon claims and lucky draws (bumped by each rebuild).
    await queryRunner.query(`ALTER TABLE "coupon_templates" ADD "redis_epoch" integer NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "lucky_draws" ADD "redis_epoch" integer NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lucky_draws" DROP COLUMN "redis_epoch"`);
    await queryRunner.query(`ALTER TABLE "coupon_templates" DROP COLUMN "redis_epoch"`);
  }
}
