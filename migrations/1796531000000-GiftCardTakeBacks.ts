import { MigrationInterface, QueryRunner } from 'typeorm';

export class GiftCardTakeBacks1796531000000 implements MigrationInterface {
  name = 'GiftCardTakeBacks1796531000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A refunded gift_card order takes its cards back by an issue row of minus the face value, naming the order.
    await queryRunner.query(`ALTER TABLE "gift_card_ledger" DROP CONSTRAINT "chk_gift_card_ledger_sign"`);
    await queryRunner.query(
      `ALTER TABLE "gift_card_ledger" ADD CONSTRAINT "chk_gift_card_ledger_sign" CHECK (("kind" IN ('issue', 'refund', 'gift_in') AND "amount_fen" > 0) OR ("kind" IN ('redeem', 'expire', 'gift_out') AND "amount_fen" < 0) OR ("kind" = 'issue' AND "amount_fen" < 0 AND "order_id" IS NOT NULL))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "gift_card_ledger" DROP CONSTRAINT "chk_gift_card_ledger_sign"`);
    await queryRunner.query(
      `ALTER TABLE "gift_card_ledger" ADD CONSTRAINT "chk_gift_card_ledger_sign" CHECK (("kind" IN ('issue', 'refund', 'gift_in') AND "amount_fen" > 0) OR ("kind" IN ('redeem', 'expire', 'gift_out') AND "amount_fen" < 0))`,
    );
  }
}
