import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrdersAndTransfers1795265594187 implements MigrationInterface {
  name = 'OrdersAndTransfers1795265594187';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "order_items" ("order_id" uuid NOT NULL, "line" smallint NOT NULL, "product_id" uuid NOT NULL, "quantity" integer NOT NULL, "unit_price_fen" bigint NOT NULL, CONSTRAINT "PK_787422741e5f8ec9847bced4b58" PRIMARY KEY ("order_id", "line"))`);
    await queryRunner.query(`CREATE TABLE "order_refunds" ("id" uuid NOT NULL, "order_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "out_refund_no" text NOT NULL, "business_key" text, "cause" text NOT NULL, "amount_fen" bigint NOT NULL, "reason" text NOT NULL, "status" text NOT NULL, "refund_id" text, "fail_reason" text, "reconcile_after" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "settled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_770d302629cc7fc3e4e0b4c696a" UNIQUE ("out_refund_no"), CONSTRAINT "UQ_61ea793ec7d33b6c8223c8e1f17" UNIQUE ("business_key"), CONSTRAINT "PK_f8c501d1232e93e00aac466a279" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_order_refunds_processing" ON "order_refunds"  ("reconcile_after") WHERE status = 'processing'`);
    await queryRunner.query(`CREATE INDEX "idx_order_refunds_order" ON "order_refunds"  ("order_id")`);
    await queryRunner.query(`CREATE TABLE "orders" ("id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "shopper_openid" text NOT NULL, "merchant_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "subtotal_fen" bigint NOT NULL, "discount_fen" bigint NOT NULL, "total_fen" bigint NOT NULL, "coupon_id" uuid, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "paid_at" TIMESTAMP WITH TIME ZONE, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "refunded_fen" bigint NOT NULL DEFAULT '0', "out_trade_no" text NOT NULL, "prepay_id" text NOT NULL, "pay_params" jsonb NOT NULL, "transaction_id" text, "reconcile_after" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_4c5bcd1fd72fe3f15f45622d875" UNIQUE ("out_trade_no"), CONSTRAINT "PK_710e2d4957aa5878dfe94e4ac2f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_orders_pending_reconcile" ON "orders"  ("reconcile_after") WHERE status = 'pending_payment'`);
    await queryRunner.query(`CREATE INDEX "idx_orders_pending_expiry" ON "orders"  ("expires_at") WHERE status = 'pending_payment'`);
    await queryRunner.query(`CREATE INDEX "idx_orders_shopper_list" ON "orders"  ("shopper_id", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "transfers" ("id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "openid" text NOT NULL, "business_key" text NOT NULL, "out_bill_no" text NOT NULL, "amount_fen" bigint NOT NULL, "reason" text NOT NULL, "remark" text NOT NULL, "status" text NOT NULL, "transfer_bill_no" text, "fail_reason" text, "reconcile_after" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "settled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_57fe9bae118ad321580e26be0d9" UNIQUE ("business_key"), CONSTRAINT "UQ_3d87a1c881531ec5035d3a371e5" UNIQUE ("out_bill_no"), CONSTRAINT "PK_f712e908b465e0085b4408cabc3" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_transfers_processing" ON "transfers"  ("reconcile_after") WHERE status = 'processing'`);
    await queryRunner.query(`CREATE INDEX "idx_transfers_shopper_list" ON "transfers"  ("shopper_id", "created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_transfers_shopper_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_transfers_processing"`);
    await queryRunner.query(`DROP TABLE "transfers"`);
    await queryRunner.query(`DROP INDEX "public"."idx_orders_shopper_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_orders_pending_expiry"`);
    await queryRunner.query(`DROP INDEX "public"."idx_orders_pending_reconcile"`);
    await queryRunner.query(`DROP TABLE "orders"`);
    await queryRunner.query(`DROP INDEX "public"."idx_order_refunds_order"`);
    await queryRunner.query(`DROP INDEX "public"."idx_order_refunds_processing"`);
    await queryRunner.query(`DROP TABLE "order_refunds"`);
    await queryRunner.query(`DROP TABLE "order_items"`);
  }
}
