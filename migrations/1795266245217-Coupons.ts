import { MigrationInterface, QueryRunner } from 'typeorm';

export class Coupons1795266245217 implements MigrationInterface {
  name = 'Coupons1795266245217';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "coupon_code_attempts" ("id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_0392e391e7c1ce7c810bfcfce24" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_coupon_code_attempts_shopper" ON "coupon_code_attempts"  ("shopper_id", "at")`);
    await queryRunner.query(`CREATE TABLE "coupon_codes" ("id" uuid NOT NULL, "template_id" uuid NOT NULL, "code_digest" text NOT NULL, "status" text NOT NULL, "coupon_id" uuid, "redeemed_by" uuid, "redeemed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_77bcecbd987888c3691f41e4531" UNIQUE ("code_digest"), CONSTRAINT "PK_5ac86428f1fa43972e1ea4a23e0" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_coupon_codes_template" ON "coupon_codes"  ("template_id")`);
    await queryRunner.query(`CREATE TABLE "coupon_holders" ("template_id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "issued" integer NOT NULL, CONSTRAINT "chk_coupon_holders_issued" CHECK ("issued" >= 0), CONSTRAINT "PK_d9ef92e4308f602766a235f0331" PRIMARY KEY ("template_id", "shopper_id"))`);
    await queryRunner.query(`CREATE TABLE "coupon_templates" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "name" text NOT NULL, "type" text NOT NULL, "value_fen" bigint, "percent_off" integer, "max_discount_fen" bigint, "min_spend_fen" bigint NOT NULL, "distribution" text NOT NULL, "total_quantity" integer NOT NULL, "per_user_limit" integer NOT NULL, "claim_starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claim_ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "validity_type" text NOT NULL, "valid_starts_at" TIMESTAMP WITH TIME ZONE, "valid_ends_at" TIMESTAMP WITH TIME ZONE, "valid_days" integer, "product_ids" uuid array, "issued" integer NOT NULL DEFAULT '0', "used" integer NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_coupon_templates_used" CHECK ("used" >= 0 AND "used" <= "issued"), CONSTRAINT "chk_coupon_templates_issued" CHECK ("issued" >= 0 AND "issued" <= "total_quantity"), CONSTRAINT "PK_2120afd8225fb545c4a957d51e2" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_coupon_templates_public_list" ON "coupon_templates"  ("created_at", "id") WHERE distribution = 'public'`);
    await queryRunner.query(`CREATE INDEX "idx_coupon_templates_merchant_list" ON "coupon_templates"  ("merchant_id", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "coupons" ("id" uuid NOT NULL, "template_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "status" text NOT NULL, "source" text NOT NULL, "business_key" text, "valid_from" TIMESTAMP WITH TIME ZONE NOT NULL, "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "order_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_4c52ebadf01dd6fb4ecb3aad229" UNIQUE ("business_key"), CONSTRAINT "PK_d7ea8864a0150183770f3e9a8cb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_coupons_template" ON "coupons"  ("template_id")`);
    await queryRunner.query(`CREATE INDEX "idx_coupons_shopper_list" ON "coupons"  ("shopper_id", "created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_coupons_shopper_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupons_template"`);
    await queryRunner.query(`DROP TABLE "coupons"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupon_templates_merchant_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupon_templates_public_list"`);
    await queryRunner.query(`DROP TABLE "coupon_templates"`);
    await queryRunner.query(`DROP TABLE "coupon_holders"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupon_codes_template"`);
    await queryRunner.query(`DROP TABLE "coupon_codes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupon_code_attempts_shopper"`);
    await queryRunner.query(`DROP TABLE "coupon_code_attempts"`);
  }
}
