import { MigrationInterface, QueryRunner } from 'typeorm';

export class Webhooks1796501214524 implements MigrationInterface {
  name = 'Webhooks1796501214524';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "webhook_deliveries" ("id" uuid NOT NULL, "endpoint_id" uuid NOT NULL, "event_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "type" text NOT NULL, "status" text NOT NULL, "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_status_code" integer, "last_error" text, "last_attempt_at" TIMESTAMP WITH TIME ZONE, "succeeded_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_535dd409947fb6d8fc6dfc0112a" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_endpoint_status_list" ON "webhook_deliveries"  ("endpoint_id", "status", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_endpoint_list" ON "webhook_deliveries"  ("endpoint_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_deliveries_due" ON "webhook_deliveries"  ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_webhook_deliveries_endpoint_event" ON "webhook_deliveries"  ("endpoint_id", "event_id")`);
    await queryRunner.query(`CREATE TABLE "webhook_endpoints" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "url" text NOT NULL, "events" text array NOT NULL, "status" text NOT NULL, "description" text, "secret_sealed" text NOT NULL, "previous_secret_sealed" text, "previous_secret_expires_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_054c4cfb95223732f5939d2d546" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_webhook_endpoints_merchant_list" ON "webhook_endpoints"  ("merchant_id", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "webhook_events" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "type" text NOT NULL, "payload" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_4cba37e6a0acb5e1fc49c34ebfd" PRIMARY KEY ("id"))`);
    await queryRunner.query(`ALTER TABLE "transfers" ADD "merchant_id" uuid`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "transfers" DROP COLUMN "merchant_id"`);
    await queryRunner.query(`DROP TABLE "webhook_events"`);
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_endpoints_merchant_list"`);
    await queryRunner.query(`DROP TABLE "webhook_endpoints"`);
    await queryRunner.query(`DROP INDEX "public"."uq_webhook_deliveries_endpoint_event"`);
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_deliveries_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_deliveries_endpoint_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_webhook_deliveries_endpoint_status_list"`);
    await queryRunner.query(`DROP TABLE "webhook_deliveries"`);
  }
}
