import { MigrationInterface, QueryRunner } from 'typeorm';

export class CampaignOperations1796493898751 implements MigrationInterface {
  name = 'CampaignOperations1796493898751';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "campaign_changes" ("seq" BIGSERIAL NOT NULL, "kind" text NOT NULL, "campaign_id" uuid NOT NULL, "changed_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_14d97934bb5a5249f8c9ecd116c" PRIMARY KEY ("seq"))`);
    await queryRunner.query(`CREATE INDEX "idx_campaign_changes_changed_at" ON "campaign_changes"  ("changed_at")`);
    await queryRunner.query(`ALTER TABLE "coupon_templates" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "coupons" ADD "source_ref" text`);
    await queryRunner.query(`ALTER TABLE "coupons" ADD "discount_fen" bigint`);
    await queryRunner.query(`ALTER TABLE "coupons" ADD "order_subtotal_fen" bigint`);
    await queryRunner.query(`ALTER TABLE "group_buy_campaigns" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "lucky_draws" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "rebate_rules" ADD "ended_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "rebates" ADD "order_total_fen" bigint`);
    await queryRunner.query(`ALTER TABLE "rebates" ADD "paid_at" TIMESTAMP WITH TIME ZONE`);
    // Rebates paid before this release: their last update was the payment (a paid rebate never moves again).
    await queryRunner.query(`UPDATE "rebates" SET "paid_at" = "updated_at" WHERE "status" = 'paid'`);
    await queryRunner.query(`CREATE INDEX "idx_coupons_source_used" ON "coupons"  ("source_ref", "used_at") WHERE source_ref IS NOT NULL AND used_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_coupons_template_used" ON "coupons"  ("template_id", "used_at") WHERE used_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_coupons_template_claims" ON "coupons"  ("template_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "idx_group_room_members_campaign_paid" ON "group_room_members"  ("campaign_id", "paid_at") WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_lucky_draw_entries_campaign_time" ON "lucky_draw_entries"  ("campaign_id", "created_at")`);
    await queryRunner.query(`CREATE INDEX "idx_lucky_draws_merchant_list" ON "lucky_draws"  ("merchant_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_rebate_rules_merchant_list" ON "rebate_rules"  ("merchant_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_rebates_rule_paid" ON "rebates"  ("rule_id", "paid_at") WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_rebates_rule_earned" ON "rebates"  ("rule_id", "created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_rebates_rule_earned"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rebates_rule_paid"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rebate_rules_merchant_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lucky_draws_merchant_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lucky_draw_entries_campaign_time"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_room_members_campaign_paid"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupons_template_claims"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupons_template_used"`);
    await queryRunner.query(`DROP INDEX "public"."idx_coupons_source_used"`);
    await queryRunner.query(`ALTER TABLE "rebates" DROP COLUMN "paid_at"`);
    await queryRunner.query(`ALTER TABLE "rebates" DROP COLUMN "order_total_fen"`);
    await queryRunner.query(`ALTER TABLE "rebate_rules" DROP COLUMN "ended_at"`);
    await queryRunner.query(`ALTER TABLE "lucky_draws" DROP COLUMN "ended_at"`);
    await queryRunner.query(`ALTER TABLE "group_buy_campaigns" DROP COLUMN "ended_at"`);
    await queryRunner.query(`ALTER TABLE "coupons" DROP COLUMN "order_subtotal_fen"`);
    await queryRunner.query(`ALTER TABLE "coupons" DROP COLUMN "discount_fen"`);
    await queryRunner.query(`ALTER TABLE "coupons" DROP COLUMN "source_ref"`);
    await queryRunner.query(`ALTER TABLE "coupon_templates" DROP COLUMN "ended_at"`);
    await queryRunner.query(`DROP INDEX "public"."idx_campaign_changes_changed_at"`);
    await queryRunner.query(`DROP TABLE "campaign_changes"`);
  }
}
