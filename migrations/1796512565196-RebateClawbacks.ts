import { MigrationInterface, QueryRunner } from 'typeorm';

export class RebateClawbacks1796512565196 implements MigrationInterface {
  name = 'RebateClawbacks1796512565196';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_rebates_pending_due"`);
    await queryRunner.query(`CREATE TABLE "rebate_debts" ("shopper_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "owed_fen" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_rebate_debts_owed" CHECK ("owed_fen" >= 0), CONSTRAINT "PK_aa3bed0f11bf987171eadaa81e2" PRIMARY KEY ("shopper_id", "merchant_id"))`);
    // The pay job's lease moves to its own column, starting where due_at was pushed to.
    await queryRunner.query(`ALTER TABLE "rebates" ADD "next_attempt_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`UPDATE "rebates" SET "next_attempt_at" = "due_at"`);
    await queryRunner.query(`ALTER TABLE "rebates" ALTER COLUMN "next_attempt_at" SET NOT NULL`);
    // due_at back to what it was set to (the order's payment + the rule's delay, locked once the rule started),
    // undoing the pushes of the job's lease (issue 17: it moved after the rebate was paid).
    await queryRunner.query(
      `UPDATE "rebates" r SET "due_at" = o."paid_at" + rr."delay_seconds" * interval '1 second'
       FROM "orders" o, "rebate_rules" rr
       WHERE o."id" = r."order_id" AND rr."id" = r."rule_id" AND o."paid_at" IS NOT NULL`,
    );
    await queryRunner.query(`ALTER TABLE "rebates" ADD "deducted_fen" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "rebates" ADD "clawed_back_fen" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "rebates" ADD "clawed_back_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "idx_rebates_pending_attempt" ON "rebates"  ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`ALTER TABLE "rebates" ADD CONSTRAINT "chk_rebates_clawed_back" CHECK ("clawed_back_fen" BETWEEN 0 AND "amount_fen")`);
    await queryRunner.query(`ALTER TABLE "rebates" ADD CONSTRAINT "chk_rebates_deducted" CHECK ("deducted_fen" BETWEEN 0 AND "amount_fen")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "rebates" DROP CONSTRAINT "chk_rebates_deducted"`);
    await queryRunner.query(`ALTER TABLE "rebates" DROP CONSTRAINT "chk_rebates_clawed_back"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rebates_pending_attempt"`);
    await queryRunner.query(`ALTER TABLE "rebates" DROP COLUMN "clawed_back_at"`);
    await queryRunner.query(`ALTER TABLE "rebates" DROP COLUMN "clawed_back_fen"`);
    await queryRunner.query(`ALTER TABLE "rebates" DROP COLUMN "deducted_fen"`);
    await queryRunner.query(`UPDATE "rebates" SET "due_at" = "next_attempt_at" WHERE "status" = 'pending'`);
    await queryRunner.query(`UPDATE "rebates" SET "status" = 'paid' WHERE "status" = 'clawed_back'`);
    await queryRunner.query(`ALTER TABLE "rebates" DROP COLUMN "next_attempt_at"`);
    await queryRunner.query(`DROP TABLE "rebate_debts"`);
    await queryRunner.query(`CREATE INDEX "idx_rebates_pending_due" ON "rebates" USING btree ("due_at") WHERE (status = 'pending'::text)`);
  }
}
