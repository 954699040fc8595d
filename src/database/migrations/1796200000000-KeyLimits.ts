import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A key's IP allowlist and credits. The balance lives on the key's row so that one UPDATE can
 * spend it atomically on every instance at once; `credits_period` is the start of the refill
 * period the balance belongs to, so a refill is applied lazily and exactly by that statement.
 */
export class KeyLimits1796200000000 implements MigrationInterface {
  name = 'KeyLimits1796200000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "allowed_ips" text array`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "credits_remaining" integer`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "credits_refill_amount" integer`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "credits_refill_interval" varchar(8)`);
    await queryRunner.query(`ALTER TABLE "api_keys" ADD "credits_period" timestamptz`);
    await queryRunner.query(
      `ALTER TABLE "api_keys" ADD CONSTRAINT "CHK_api_keys_credits" CHECK (
        (credits_remaining IS NULL OR credits_remaining >= 0)
        AND (credits_refill_amount IS NULL OR credits_refill_amount >= 0)
        AND (credits_refill_interval IS NULL OR credits_refill_interval IN ('daily', 'monthly'))
        AND ((credits_refill_amount IS NULL) = (credits_refill_interval IS NULL))
        AND (credits_remaining IS NOT NULL OR credits_refill_amount IS NULL))`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "api_keys" DROP CONSTRAINT "CHK_api_keys_credits"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "credits_period"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "credits_refill_interval"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "credits_refill_amount"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "credits_remaining"`);
    await queryRunner.query(`ALTER TABLE "api_keys" DROP COLUMN "allowed_ips"`);
  }
}
