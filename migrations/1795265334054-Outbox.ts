import { MigrationInterface, QueryRunner } from 'typeorm';

export class Outbox1795265334054 implements MigrationInterface {
  name = 'Outbox1795265334054';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "outbox_messages" ("id" uuid NOT NULL, "topic" text NOT NULL, "subscriber" text NOT NULL, "payload" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "available_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_0171348f527c64b137e4d4f5b66" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_outbox_messages_due" ON "outbox_messages"  ("available_at") WHERE status = 'pending'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_outbox_messages_due"`);
    await queryRunner.query(`DROP TABLE "outbox_messages"`);
  }
}
