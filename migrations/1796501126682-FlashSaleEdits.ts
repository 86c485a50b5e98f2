import { MigrationInterface, QueryRunner } from 'typeorm';

export class FlashSaleEdits1796501126682 implements MigrationInterface {
  name = 'FlashSaleEdits1796501126682';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "flash_reservations" ADD "paid_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "flash_reservations" ADD "paid_fen" bigint`);
    // Reservations paid before this release take their order's payment time and total.
    await queryRunner.query(
      `UPDATE "flash_reservations" r SET "paid_at" = o."paid_at", "paid_fen" = o."total_fen"
       FROM "orders" o WHERE o."id" = r."order_id" AND r."status" = 'paid'`,
    );
    await queryRunner.query(`CREATE INDEX "idx_flash_reservations_sale_paid" ON "flash_reservations"  ("sale_id", "paid_at") WHERE paid_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_flash_reservations_sale_paid"`);
    await queryRunner.query(`ALTER TABLE "flash_reservations" DROP COLUMN "paid_fen"`);
    await queryRunner.query(`ALTER TABLE "flash_reservations" DROP COLUMN "paid_at"`);
  }
}
