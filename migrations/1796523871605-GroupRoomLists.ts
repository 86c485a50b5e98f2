import { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupRoomLists1796523871605 implements MigrationInterface {
  name = 'GroupRoomLists1796523871605';

  async up(queryRunner: QueryRunner): Promise<void> {
    // The merchant's room list (newest first, with or without a status filter); the status one also serves every
    // query the (campaign_id, status) index did.
    await queryRunner.query(`DROP INDEX "public"."idx_group_rooms_campaign"`);
    await queryRunner.query(`CREATE INDEX "idx_group_rooms_campaign_list" ON "group_rooms"  ("campaign_id", "created_at", "id")`);
    await queryRunner.query(`CREATE INDEX "idx_group_rooms_campaign_status_list" ON "group_rooms"  ("campaign_id", "status", "created_at", "id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_group_rooms_campaign_status_list"`);
    await queryRunner.query(`DROP INDEX "public"."idx_group_rooms_campaign_list"`);
    await queryRunner.query(`CREATE INDEX "idx_group_rooms_campaign" ON "group_rooms"  ("campaign_id", "status")`);
  }
}
