import { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupBuy1795270048520 implements MigrationInterface {
  name = 'GroupBuy1795270048520';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "group_buy_campaigns" ("id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "product_id" uuid NOT NULL, "product_name" text NOT NULL, "group_price_fen" bigint NOT NULL, "leader_price_fen" bigint, "group_size" integer NOT NULL, "completion_window_seconds" integer NOT NULL, "payment_window_seconds" integer NOT NULL, "virtual_completion" boolean NOT NULL, "starts_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ends_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "chk_group_buy_campaigns_window" CHECK ("starts_at" < "ends_at"), CONSTRAINT "chk_group_buy_campaigns_prices" CHECK ("group_price_fen" >= 1 AND ("leader_price_fen" IS NULL OR "leader_price_fen" <= "group_price_fen")), CONSTRAINT "chk_group_buy_campaigns_size" CHECK ("group_size" BETWEEN 2 AND 50), CONSTRAINT "PK_36309f3c88aa3b48d63759a5e3f" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_group_buy_campaigns_merchant_list" ON "group_buy_campaigns"  ("merchant_id", "created_at", "id")`);
    await queryRunner.query(`CREATE TABLE "group_room_members" ("id" uuid NOT NULL, "room_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "user_id" uuid NOT NULL, "role" text NOT NULL, "status" text NOT NULL, "order_id" uuid NOT NULL, "amount_fen" bigint NOT NULL, "refunded_fen" bigint NOT NULL DEFAULT '0', "display" text NOT NULL, "via_share" boolean NOT NULL DEFAULT false, "shared_by_user_id" uuid, "hold_until" TIMESTAMP WITH TIME ZONE NOT NULL, "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL, "paid_at" TIMESTAMP WITH TIME ZONE, "released_at" TIMESTAMP WITH TIME ZONE, "release_reason" text, "refund_requested_at" TIMESTAMP WITH TIME ZONE, "refunded_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_c48e6818c8a6089c24702a84d56" UNIQUE ("order_id"), CONSTRAINT "PK_ee8b57b18dbe0f060d9b7497bc7" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_group_room_members_from_shares" ON "group_room_members"  ("campaign_id") WHERE via_share`);
    await queryRunner.query(`CREATE INDEX "idx_group_room_members_room" ON "group_room_members"  ("room_id", "joined_at")`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_group_room_members_seated" ON "group_room_members"  ("room_id", "user_id") WHERE status IN ('holding', 'paid')`);
    await queryRunner.query(`CREATE TABLE "group_room_share_opens" ("room_id" uuid NOT NULL, "shopper_id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_1773532bb0c0a7ee2358bcbcb9f" PRIMARY KEY ("room_id", "shopper_id"))`);
    await queryRunner.query(`CREATE INDEX "idx_group_room_share_opens_campaign" ON "group_room_share_opens"  ("campaign_id")`);
    await queryRunner.query(`CREATE TABLE "group_rooms" ("id" uuid NOT NULL, "campaign_id" uuid NOT NULL, "merchant_id" uuid NOT NULL, "leader_user_id" uuid NOT NULL, "status" text NOT NULL, "group_size" integer NOT NULL, "seats_taken" integer NOT NULL, "seats_paid" integer NOT NULL, "virtual_seats" integer NOT NULL DEFAULT '0', "share_token" text NOT NULL, "pending_until" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE, "opened_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "UQ_6c752d0b21aa849f2aa905108fe" UNIQUE ("share_token"), CONSTRAINT "chk_group_rooms_seats" CHECK ("seats_paid" >= 0 AND "seats_paid" <= "seats_taken" AND "seats_taken" <= "group_size" AND "virtual_seats" >= 0 AND "seats_paid" + "virtual_seats" <= "group_size"), CONSTRAINT "PK_5a7d6f0c44b924305c2771f7832" PRIMARY KEY ("id"))`);
    await queryRunner.query(`CREATE INDEX "idx_group_rooms_campaign" ON "group_rooms"  ("campaign_id", "status")`);
    await queryRunner.query(`CREATE INDEX "idx_group_rooms_pending_due" ON "group_rooms"  ("pending_until") WHERE status = 'pending'`);
    await queryRunner.query(`CREATE INDEX "idx_group_rooms_open_due" ON "group_rooms"  ("expires_at") WHERE status = 'open'`);
    await queryRunner.query(`CREATE UNIQUE INDEX "uq_group_rooms_active_leader" ON "group_rooms"  ("campaign_id", "leader_user_id") WHERE status IN ('pending', 'open')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."uq_group_rooms_active_leader"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_rooms_open_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_rooms_pending_due"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_rooms_campaign"`);
    await queryRunner.query(`DROP TABLE "group_rooms"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_room_share_opens_campaign"`);
    await queryRunner.query(`DROP TABLE "group_room_share_opens"`);
    await queryRunner.query(`DROP INDEX "public"."uq_group_room_members_seated"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_room_members_room"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_room_members_from_shares"`);
    await queryRunner.query(`DROP TABLE "group_room_members"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_buy_campaigns_merchant_list"`);
    await queryRunner.query(`DROP TABLE "group_buy_campaigns"`);
  }
}
