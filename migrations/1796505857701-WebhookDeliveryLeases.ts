import { MigrationInterface, QueryRunner } from 'typeorm';

export class WebhookDeliveryLeases1796505857701 implements MigrationInterface {
  name = 'WebhookDeliveryLeases1796505857701';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_deliveries_due"`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" ADD "leased_until" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_endpoint_due" ON "webhook_deliveries"  ("endpoint_id", "next_attempt_at") WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_deliveries_endpoint_due"`);
    await queryRunner.query(`ALTER TABLE "webhook_deliveries" DROP COLUMN "leased_until"`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_due" ON "webhook_deliveries" USING btree ("next_attempt_at") WHERE (status = 'pending'::text)`);
  }
}
