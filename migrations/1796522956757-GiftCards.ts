import { MigrationInterface, QueryRunner } from 'typeorm';

export class GiftCards1796522956757 implements MigrationInterface {
  name = 'GiftCards1796522956757';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "gift_card_codes" ("id" uuid NOT NULL, "product_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "code_digest" text NOT NULL, "pin_digest" text NOT NULL, "status" text NOT NULL, "card_id" uuid, "redeemed_by" uuid, "redeemed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_4f16000e5551df806e257e9061a" UNIQUE ("code_digest"), CONSTRAINT "PK_eeb58791b8dcc0d788dc0cfb30b" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_gift_card_codes_product" ON "gift_card_codes"  ("product_id")`);
    await queryRunner.query(`CREATE TABLE "gift_card_gifts" ("id" uuid NOT NULL, "card_id" uuid NOT NULL, "giver_id" uuid NOT NULL, "share_token" text NOT NULL, "message" text, "status" text NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "claimed_by" uuid, "settled_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_adcc1cf1805e2d579685f2399c1" UNIQUE ("share_token"), CONSTRAINT "PK_107acb36cb10f7acc172965a625" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_gift_card_gifts_pending_due" ON "gift_card_gifts"  ("expires_at") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_gift_card_gifts_pending_card" ON "gift_card_gifts"  ("card_id") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE TABLE "gift_card_holds" ("order_id" uuid NOT NULL, "card_id" uuid NOT NULL, "position" smallint NOT NULL, "merchant_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "status" text NOT NULL, "refunded_fen" bigint NOT NULL DEFAULT '0', "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "settled_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "chk_gift_card_holds_amounts" CHECK ("amount_fen" > 0 AND "refunded_fen" BETWEEN 0 AND "amount_fen"), CONSTRAINT "PK_5d617d3e35868382bc3b797f7e2" PRIMARY KEY ("order_id", "card_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_gift_card_holds_card" ON "gift_card_holds"  ("card_id")`);
    await queryRunner.query(`CREATE TABLE "gift_card_ledger" ("id" uuid NOT NULL, "card_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "kind" text NOT NULL, "amount_fen" bigint NOT NULL, "order_id" uuid, "ref" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_gift_card_ledger_sign" CHECK (("kind" IN ('issue', 'refund', 'gift_in') AND "amount_fen" > 0) OR ("kind" IN ('redeem', 'expire', 'gift_out') AND "amount_fen" < 0)), CONSTRAINT "PK_474702915a6bee9caea2dc6bbaf" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_gift_card_ledger_merchant" ON "gift_card_ledger"  ("merchant_id", "kind")`);
    await queryRunner.query(`CREATE INDEX "idx_gift_card_ledger_card" ON "gift_card_ledger"  ("card_id", "at", "id")`);
    await queryRunner.query(`CREATE TABLE "gift_card_products" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "name" text NOT NULL, "face_value_fen" bigint NOT NULL, "price_fen" bigint NOT NULL, "validity_days" integer NOT NULL, "per_order_limit" integer NOT NULL, "status" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_gift_card_products_terms" CHECK ("validity_days" BETWEEN 1 AND 1825 AND "per_order_limit" >= 1), CONSTRAINT "chk_gift_card_products_price" CHECK ("price_fen" >= 1 AND "price_fen" <= "face_value_fen"), CONSTRAINT "PK_91afa7b658f1792e6ab0da65ef1" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_gift_card_products_merchant_list" ON "gift_card_products"  ("merchant_id", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "gift_cards" ("id" uuid NOT NULL, "product_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "owner_id" uuid NOT NULL, "status" text NOT NULL, "face_value_fen" bigint NOT NULL, "balance_fen" bigint NOT NULL, "held_fen" bigint NOT NULL DEFAULT '0', "valid_until" TIMESTAMP WITH TIME ZONE NOT NULL, "gifted_by" uuid, "message" text, "issue_key" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_faa19d31497cf24c7cea2d7df9c" UNIQUE ("issue_key"), CONSTRAINT "chk_gift_cards_balance" CHECK ("balance_fen" >= 0 AND "held_fen" >= 0 AND "held_fen" <= "balance_fen"), CONSTRAINT "PK_66a0b66755efd01b1749861b4aa" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_gift_cards_live_expiry" ON "gift_cards"  ("valid_until") WHERE status <> 'expired'`);
    await queryRunner.query(`CREATE INDEX "idx_gift_cards_product" ON "gift_cards"  ("product_id")`);
    await queryRunner.query(`CREATE INDEX "idx_gift_cards_owner_list" ON "gift_cards"  ("owner_id", "created_at", "id")`);
    // The ledger is append-only: a balance is explained by its rows only if no row ever changes or disappears.
    await queryRunner.query(
      `CREATE FUNCTION gift_card_ledger_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'gift_card_ledger is append-only'; END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER trg_gift_card_ledger_append_only BEFORE UPDATE OR DELETE ON "gift_card_ledger"
       FOR EACH ROW EXECUTE FUNCTION gift_card_ledger_append_only()`,
    );
    await queryRunner.query(`ALTER TABLE "order_refunds" ADD "gift_card_fen" bigint NOT NULL DEFAULT '0'`);
    await queryRunner.query(`ALTER TABLE "orders" ADD "gift_card_fen" bigint NOT NULL DEFAULT '0'`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "orders" DROP COLUMN "gift_card_fen"`);
    await queryRunner.query(`ALTER TABLE "order_refunds" DROP COLUMN "gift_card_fen"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_cards_owner_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_cards_product"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_cards_live_expiry"`);
    await queryRunner.query(`DROP TABLE "gift_cards"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_card_products_merchant_list"`);
    await queryRunner.query(`DROP TABLE "gift_card_products"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_card_ledger_card"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_card_ledger_merchant"`);
    await queryRunner.query(`DROP TRIGGER trg_gift_card_ledger_append_only ON "gift_card_ledger"`);
    await queryRunner.query(`DROP FUNCTION gift_card_ledger_append_only()`);
    await queryRunner.query(`DROP TABLE "gift_card_ledger"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_card_holds_card"`);
    await queryRunner.query(`DROP TABLE "gift_card_holds"`);
    await queryRunner.query(`DROP INDEX "public"."uq_gift_card_gifts_pending_card"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_card_gifts_pending_due"`);
    await queryRunner.query(`DROP TABLE "gift_card_gifts"`);
    await queryRunner.query(`DROP INDEX "public"."idx_gift_card_codes_product"`);
    await queryRunner.query(`DROP TABLE "gift_card_codes"`);
  }
}
