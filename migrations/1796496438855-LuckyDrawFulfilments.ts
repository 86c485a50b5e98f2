import { MigrationInterface, QueryRunner } from 'typeorm';

export class LuckyDrawFulfilments1796496438855 implements MigrationInterface {
  name = 'LuckyDrawFulfilments1796496438855';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "lucky_draw_entries" ADD "fulfilment_status" text`);
    // Item prizes won before this release are owed too: they start pending.
    await queryRunner.query(`UPDATE "lucky_draw_entries" SET "fulfilment_status" = 'pending' WHERE kind = 'item'`);
    await queryRunner.query(`ALTER TABLE "lucky_draw_entries" ADD "fulfilment_note" text`);
    await queryRunner.query(`ALTER TABLE "lucky_draw_entries" ADD "shipped_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "idx_lucky_draw_entries_fulfilment_status_list" ON "lucky_draw_entries"  ("campaign_id", "fulfilment_status", "created_at", "id") WHERE kind = 'item'`);
    await queryRunner.query(`CREATE INDEX "idx_lucky_draw_entries_fulfilment_list" ON "lucky_draw_entries"  ("campaign_id", "created_at", "id") WHERE kind = 'item'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_lucky_draw_entries_fulfilment_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_lucky_draw_entries_fulfilment_status_list"`);
    await queryRunner.query(`ALTER TABLE "lucky_draw_entries" DROP COLUMN "shipped_at"`);
    await queryRunner.query(`ALTER TABLE "lucky_draw_entries" DROP COLUMN "fulfilment_note"`);
    await queryRunner.query(`ALTER TABLE "lucky_draw_entries" DROP COLUMN "fulfilment_status"`);
  }
}
