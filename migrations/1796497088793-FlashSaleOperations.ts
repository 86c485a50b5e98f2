import { MigrationInterface, QueryRunner } from 'typeorm';

export class FlashSaleOperations1796497088793 implements MigrationInterface {
  name = 'FlashSaleOperations1796497088793';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "flash_sales" ADD "product_name" text`);
    // Sales created before this release take their product's name as it is now.
    await queryRunner.query(
      `UPDATE "flash_sales" s SET "product_name" = p."name" FROM "products" p WHERE p."id" = s."product_id"`,
    );
    await queryRunner.query(`ALTER TABLE "flash_sales" ALTER COLUMN "product_name" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "flash_sales" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "idx_flash_sales_merchant_list" ON "flash_sales"  ("merchant_id", "created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_flash_sales_merchant_list"`);
    await queryRunner.query(`ALTER TABLE "flash_sales" DROP COLUMN "ended_at"`);
    await queryRunner.query(`ALTER TABLE "flash_sales" DROP COLUMN "product_name"`);
  }
}
