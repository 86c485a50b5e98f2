import { MigrationInterface, QueryRunner } from 'typeorm';

export class MerchantOperations1796491269742 implements MigrationInterface {
  name = 'MerchantOperations1796491269742';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_coupon_codes_template"`);
    await queryRunner.query(`ALTER TABLE "coupon_codes" ADD "code_sealed" text`);
    await queryRunner.query(`ALTER TABLE "merchants" ADD "previous_api_key_lookup" text`);
    await queryRunner.query(`ALTER TABLE "merchants" ADD CONSTRAINT "UQ_454cbf9e9f5a8763b082427ef78" UNIQUE ("previous_api_key_lookup")`);
    await queryRunner.query(`ALTER TABLE "merchants" ADD "previous_api_key_hash" bytea`);
    await queryRunner.query(`ALTER TABLE "merchants" ADD "previous_api_key_expires_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "products" ADD "status" text NOT NULL DEFAULT 'active'`);
    await queryRunner.query(`CREATE INDEX "idx_coupon_codes_template_status_list" ON "coupon_codes"  ("template_id", "status", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_coupon_codes_template_list" ON "coupon_codes"  ("template_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_merchants_list" ON "merchants"  ("created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_products_merchant_status_list" ON "products"  ("merchant_id", "status", "created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_products_merchant_status_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_merchants_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupon_codes_template_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupon_codes_template_status_list"`);
    await queryRunner.query(`ALTER TABLE "products" DROP COLUMN "status"`);
    await queryRunner.query(`ALTER TABLE "merchants" DROP COLUMN "previous_api_key_expires_at"`);
    await queryRunner.query(`ALTER TABLE "merchants" DROP COLUMN "previous_api_key_hash"`);
    await queryRunner.query(`ALTER TABLE "merchants" DROP CONSTRAINT "UQ_454cbf9e9f5a8763b082427ef78"`);
    await queryRunner.query(`ALTER TABLE "merchants" DROP COLUMN "previous_api_key_lookup"`);
    await queryRunner.query(`ALTER TABLE "coupon_codes" DROP COLUMN "code_sealed"`);
    await queryRunner.query(`CREATE INDEX "idx_coupon_codes_template" ON "coupon_codes" USING btree ("template_id")`);
  }
}
