import { MigrationInterface, QueryRunner } from 'typeorm';

export class GroupRoomRefundOwed1796495325312 implements MigrationInterface {
  name = 'GroupRoomRefundOwed1796495325312';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE INDEX "idx_group_room_members_refund_owed" ON "group_room_members"  ("refund_requested_at") WHERE status = 'paid' AND refund_requested_at IS NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."idx_group_room_members_refund_owed"`);
  }
}
