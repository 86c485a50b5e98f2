import { MigrationInterface, QueryRunner } from 'typeorm';

/** Responses are kept as the bytes first sent (jsonb reordered their keys), so a replay is byte-identical. */
export class IdempotencyResponseText1796512099542 implements MigrationInterface {
  name = 'IdempotencyResponseText1796512099542';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ALTER COLUMN "response_body" TYPE text USING "response_body"::text`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ALTER COLUMN "response_body" TYPE jsonb USING "response_body"::jsonb`,
    );
  }
}
