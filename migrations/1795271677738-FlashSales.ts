import { MigrationInterface, QueryRunner } from 'typeorm';

export class FlashSales1795271677738 implements MigrationInterface {
  name = 'FlashSales1795271677738';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "flash_holdings" ("sale_id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "held" integer NOT NULL, CONSTRAINT "chk_flash_holdings_held" CHECK ("held" >= 0), CONSTRAINT "PK_c58e9f9eece5a6f4001bbfdbe09" PRIMARY KEY ("sale_id", "shopper_id"))`);
    await queryRunner.query(`CREATE TABLE "flash_reservations" ("id" uuid NOT NULL, "sale_id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "quantity" integer NOT NULL, "status" text NOT NULL, "order_id" uuid, "epoch" integer NOT NULL, "idempotency_key" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "released_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_6e8b12be4b99ded2bfb8b9922c0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_flash_reservations_idempotency" ON "flash_reservations"  ("sale_id", "shopper_id", "idempotency_key") WHERE idempotency_key IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_flash_reservations_sale" ON "flash_reservations"  ("sale_id")`);
    await queryRunner.query(`CREATE TABLE "flash_sales" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "product_id" uuid NOT NULL, "price_fen" bigint NOT NULL, "total_stock" integer NOT NULL, "per_user_limit" integer NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "payment_window_seconds" integer NOT NULL, "remaining" integer NOT NULL, "redis_epoch" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_flash_sales_remaining" CHECK ("remaining" >= 0 AND "remaining" <= "total_stock"), CONSTRAINT "PK_70299593044ffcba05cc30b97dc" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_flash_sales_ends_at" ON "flash_sales"  ("ends_at")`);
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "prepay_id" DROP NOT NULL`);
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "pay_params" DROP NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "pay_params" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "orders" ALTER COLUMN "prepay_id" SET NOT NULL`);
    await queryRunner.query(`DROP INDEX "public"."idx_flash_sales_ends_at"`);
    await queryRunner.query(`DROP TABLE "flash_sales"`);
    await queryRunner.query(`DROP INDEX "public"."idx_flash_reservations_sale"`);
    await queryRunner.query(`DROP INDEX "public"."idx_flash_reservations_idempotency"`);
    await queryRunner.query(`DROP TABLE "flash_reservations"`);
    await queryRunner.query(`DROP TABLE "flash_holdings"`);
  }
}
