import { MigrationInterface, QueryRunner } from 'typeorm';

export class SandboxGateway1795265371957 implements MigrationInterface {
  name = 'SandboxGateway1795265371957';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "sandbox_deliveries" ("id" uuid NOT NULL, "event_id" text NOT NULL, "event_type" text NOT NULL, "original_type" text NOT NULL, "summary" text NOT NULL, "resource" jsonb NOT NULL, "status" text NOT NULL DEFAULT 'pending', "attempts" integer NOT NULL DEFAULT '0', "next_attempt_at" TIMESTAMP WITH TIME ZONE NOT NULL, "last_http_status" integer, "last_error" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "delivered_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_b5f5328b97710c45b57d93b23c6" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_sandbox_deliveries_due" ON "sandbox_deliveries"  ("next_attempt_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE TABLE "sandbox_keys" ("id" smallint NOT NULL, "app_id" text NOT NULL, "mch_id" text NOT NULL, "merchant_serial" text NOT NULL, "merchant_private_key_pem" text NOT NULL, "merchant_public_key_pem" text NOT NULL, "platform_serial" text NOT NULL, "platform_private_key_pem" text NOT NULL, "platform_public_key_pem" text NOT NULL, "api_v3_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_55bae2da86cab85d4699918db1e" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "sandbox_refunds" ("out_refund_no" text NOT NULL, "refund_id" text NOT NULL, "out_trade_no" text NOT NULL, "amount_fen" bigint NOT NULL, "total_fen" bigint NOT NULL, "reason" text NOT NULL, "status" text NOT NULL, "success_time" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_a46dd3ef7e139c363daf58f6fac" UNIQUE ("refund_id"), CONSTRAINT "PK_f21b4e74edacd117316b8907dac" PRIMARY KEY ("out_refund_no"))`);
    await queryRunner.query(`CREATE INDEX "idx_sandbox_refunds_trade" ON "sandbox_refunds"  ("out_trade_no")`);
    await queryRunner.query(`CREATE TABLE "sandbox_transactions" ("out_trade_no" text NOT NULL, "appid" text NOT NULL, "mchid" text NOT NULL, "description" text NOT NULL, "amount_fen" bigint NOT NULL, "payer_openid" text NOT NULL, "attach" text, "time_expire" TIMESTAMP WITH TIME ZONE NOT NULL, "request_fingerprint" text NOT NULL, "prepay_id" text NOT NULL, "transaction_id" text, "trade_state" text NOT NULL, "success_time" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_81fc03576569d2f78fbc2e8f5e2" UNIQUE ("prepay_id"), CONSTRAINT "UQ_51aa72fbcb3e3609331ddeeb75f" UNIQUE ("transaction_id"), CONSTRAINT "PK_18c280677342fb0d73295114859" PRIMARY KEY ("out_trade_no"))`);
    await queryRunner.query(`CREATE TABLE "sandbox_transfers" ("out_bill_no" text NOT NULL, "transfer_bill_no" text NOT NULL, "openid" text NOT NULL, "amount_fen" bigint NOT NULL, "remark" text NOT NULL, "state" text NOT NULL, "fail_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_b7fedf7b38689e9ea020863410d" UNIQUE ("transfer_bill_no"), CONSTRAINT "PK_acbf766a09cec964dfb80d26f62" PRIMARY KEY ("out_bill_no"))`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "sandbox_transfers"`);
    await queryRunner.query(`DROP TABLE "sandbox_transactions"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sandbox_refunds_trade"`);
    await queryRunner.query(`DROP TABLE "sandbox_refunds"`);
    await queryRunner.query(`DROP TABLE "sandbox_keys"`);
    await queryRunner.query(`DROP INDEX "public"."idx_sandbox_deliveries_due"`);
    await queryRunner.query(`DROP TABLE "sandbox_deliveries"`);
  }
}
