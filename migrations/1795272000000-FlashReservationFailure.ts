import { MigrationInterface, QueryRunner } from 'typeorm';

export class FlashReservationFailure1795272000000 implements MigrationInterface {
  name = 'FlashReservationFailure1795272000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "flash_reservations" ADD "failure" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "flash_reservations" DROP COLUMN "failure"`);
  }
}
