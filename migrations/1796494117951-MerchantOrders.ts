import { MigrationInterface, QueryRunner } from 'typeorm';

export class MerchantOrders1796494117951 implements MigrationInterface {
  name = 'MerchantOrders1796494117951';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_orders_merchant_list" ON "orders"  ("merchant_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_orders_merchant_status_list" ON "orders"  ("merchant_id", "status", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_orders_merchant_kind_list" ON "orders"  ("merchant_id", "kind", "created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_orders_merchant_kind_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_orders_merchant_status_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_orders_merchant_list"`);
  }
}
