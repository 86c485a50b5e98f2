import { MigrationInterface, QueryRunner } from 'typeorm';

export class LuckyDrawsAndRebates1795268653609 implements MigrationInterface {
  name = 'LuckyDrawsAndRebates1795268653609';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "lucky_draw_chances" ("campaign_id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "day" text NOT NULL, "used" integer NOT NULL DEFAULT '0', "shares" integer NOT NULL DEFAULT '0', CONSTRAINT "chk_lucky_draw_chances_counts" CHECK ("used" >= 0 AND "shares" >= 0), CONSTRAINT "PK_e46098626d419b6bc9a14ce9453" PRIMARY KEY ("campaign_id", "shopper_id", "day"))`);
    await queryRunner.query(`CREATE TABLE "lucky_draw_entries" ("id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "openid" text NOT NULL, "day" text NOT NULL, "random" text NOT NULL, "picked_prize_id" uuid NOT NULL, "prize_id" uuid, "kind" text NOT NULL, "issue_status" text NOT NULL, "coupon_id" uuid, "transfer_id" uuid, "issue_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5e36b6cf81bdf1a74e4df5804fb" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_lucky_draw_entries_items" ON "lucky_draw_entries"  ("campaign_id", "created_at") WHERE kind = 'item'`);
    await queryRunner.query(`CREATE INDEX "idx_lucky_draw_entries_shopper" ON "lucky_draw_entries"  ("campaign_id", "shopper_id", "created_at")`);
    await queryRunner.query(`CREATE TABLE "lucky_draw_prizes" ("id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "position" smallint NOT NULL, "name" text NOT NULL, "kind" text NOT NULL, "weight" integer NOT NULL, "stock" integer, "awarded" integer NOT NULL DEFAULT '0', "coupon_template_id" uuid, "cash_fen" bigint, CONSTRAINT "chk_lucky_draw_prizes_awarded" CHECK ("awarded" >= 0 AND ("stock" IS NULL OR "awarded" <= "stock")), CONSTRAINT "PK_734d488890e6bf25f1860a5b611" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE UNIQUE INDEX "idx_lucky_draw_prizes_campaign" ON "lucky_draw_prizes"  ("campaign_id", "position")`);
    await queryRunner.query(`CREATE TABLE "lucky_draws" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "name" text NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "draws_per_user_per_day" integer NOT NULL, "share_bonus_draws_per_day" integer NOT NULL, "timezone" text NOT NULL, "seed_hex" text NOT NULL, "seed_commitment" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_13f503500464f9bf394dc7cce2f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_lucky_draws_merchant" ON "lucky_draws"  ("merchant_id", "created_at")`);
    await queryRunner.query(`CREATE TABLE "rebate_rules" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "name" text NOT NULL, "product_ids" uuid array, "min_order_fen" bigint NOT NULL, "kind" text NOT NULL, "value_fen" bigint, "percent" integer, "max_rebate_fen" bigint, "delay_seconds" integer NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_9b96f76adb325f5f57c475dfe20" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_rebate_rules_merchant_window" ON "rebate_rules"  ("merchant_id", "starts_at")`);
    await queryRunner.query(`CREATE TABLE "rebates" ("id" uuid NOT NULL, "rule_id" uuid NOT NULL, "order_id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "openid" text NOT NULL, "merchant_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "status" text NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "transfer_id" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_rebates_amount" CHECK ("amount_fen" >= 0), CONSTRAINT "PK_3a5e0028533026a9731a16ce9fe" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_rebates_pending_due" ON "rebates"  ("due_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "idx_rebates_shopper_list" ON "rebates"  ("shopper_id", "created_at", "id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_rebates_order_rule" ON "rebates"  ("order_id", "rule_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_rebates_order_rule"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rebates_shopper_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rebates_pending_due"`);
    await queryRunner.query(`DROP TABLE "rebates"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rebate_rules_merchant_window"`);
    await queryRunner.query(`DROP TABLE "rebate_rules"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lucky_draws_merchant"`);
    await queryRunner.query(`DROP TABLE "lucky_draws"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lucky_draw_prizes_campaign"`);
    await queryRunner.query(`DROP TABLE "lucky_draw_prizes"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lucky_draw_entries_shopper"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lucky_draw_entries_items"`);
    await queryRunner.query(`DROP TABLE "lucky_draw_entries"`);
    await queryRunner.query(`DROP TABLE "lucky_draw_chances"`);
  }
}
