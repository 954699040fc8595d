import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The balance a key's credits were last set to (by create, update or a refill): the measure of
 * "low" for `api_key.credits_low` (10 % of it). Existing balances count as set to what is left,
 * the best that is known of them.
 */
export class CreditsBalanceSet1796700000000 implements MigrationInterface {
  name = 'CreditsBalanceSet1796700000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "credits_balance_set" integer`);
    await queryRunner.query(
      `UPDATE "api_keys" SET "credits_balance_set" = "credits_remaining"
        WHERE "credits_remaining" IS NOT NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "credits_balance_set"`);
  }
}
