import { MigrationInterface, QueryRunner } from 'typeorm';

export class MerchantDashboard1796496198751 implements MigrationInterface {
  name = 'MerchantDashboard1796496198751';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_rebates_merchant_paid" ON "rebates"  ("merchant_id", "paid_at") WHERE paid_at IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "idx_order_refunds_merchant_succeeded" ON "order_refunds"  ("merchant_id", "settled_at") WHERE status = 'succeeded'`);
    await queryRunner.query(`CREATE INDEX "idx_orders_merchant_paid" ON "orders"  ("merchant_id", "paid_at") WHERE paid_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_orders_merchant_paid"`);
    await queryRunner.query(`DROP INDEX "public"."idx_order_refunds_merchant_succeeded"`);
    await queryRunner.query(`DROP INDEX "public"."idx_rebates_merchant_paid"`);
  }
}
