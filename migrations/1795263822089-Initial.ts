import { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1795263822089 implements MigrationInterface {
  name = 'Initial1795263822089';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "merchants" ("id" uuid NOT NULL, "name" text NOT NULL, "api_key_lookup" text NOT NULL, "api_key_hash" bytea NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "UQ_af821a6e0af79de5a1359027ac9" UNIQUE ("api_key_lookup"), CONSTRAINT "PK_4fd312ef25f8e05ad47bfe7ed25" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "products" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "sku" text NOT NULL, "name" text NOT NULL, "price_fen" bigint NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_0806c755e0aca124e67c0cf6d7d" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_products_merchant_list" ON "products"  ("merchant_id", "created_at", "id")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_products_merchant_sku" ON "products"  ("merchant_id", "sku")`);
    await queryRunner.query(`CREATE TABLE "shoppers" ("id" uuid NOT NULL, "openid" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_login_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_f418b6af73b8abf069f9529f935" UNIQUE ("openid"), CONSTRAINT "PK_77cfeeaf7dd45010377562d8daf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE TABLE "idempotency_keys" ("caller_scope" text NOT NULL, "key" text NOT NULL, "fingerprint" character(64) NOT NULL, "response_status" smallint, "response_body" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2d6e79e977821c732f335498e86" PRIMARY KEY ("caller_scope", "key"))`);
    await queryRunner.query(`CREATE INDEX "idx_idempotency_keys_created_at" ON "idempotency_keys"  ("created_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_idempotency_keys_created_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP TABLE "shoppers"`);
    await queryRunner.query(`DROP INDEX "public"."uq_products_merchant_sku"`);
    await queryRunner.query(`DROP INDEX "public"."idx_products_merchant_list"`);
    await queryRunner.query(`DROP TABLE "products"`);
    await queryRunner.query(`DROP TABLE "merchants"`);
  }
}
